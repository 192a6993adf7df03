import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CLIENT_RRN_ALPHABET,
  CLIENT_RRN_LENGTH,
  CLIENT_RRN_TIME_CHARS,
  clientRrnFrom,
  isClientRrn,
  signingMessage,
} from './protocol.ts'

describe('signingMessage', () => {
  it('concatenates service_id, client_rrn and amount without separators', () => {
    expect(signingMessage({ service_id: '100001', client_rrn: 'abc', amount: '5.23' })).toBe('100001abc5.23')
  })
})

describe('clientRrnFrom', () => {
  const bytes = fc.uint8Array({ minLength: 64, maxLength: 64 })

  it('always makes a fixed-length, URL-safe client_rrn', () => {
    fc.assert(
      fc.property(fc.array(bytes, { minLength: 8, maxLength: 8 }), (chunks) => {
        let call = 0
        const rrn = clientRrnFrom((n) => (chunks[call++ % chunks.length] ?? new Uint8Array(n)).slice(0, n))
        expect(rrn).toHaveLength(CLIENT_RRN_LENGTH)
        expect(isClientRrn(rrn)).toBe(true)
        expect(encodeURIComponent(rrn)).toBe(rrn)
      }),
    )
  })

  it('skips bytes that would bias the alphabet', () => {
    // 252..255 lie above the largest multiple of 36 and must be dropped, not folded onto 0..3.
    let first = true
    const rrn = clientRrnFrom((n) => {
      const out = new Uint8Array(n).fill(first ? 255 : 0)
      first = false
      return out
    })
    expect(rrn).toBe('0'.repeat(CLIENT_RRN_LENGTH))
  })

  it('with a time, starts with its minute and keeps at least 96 random bits', () => {
    const random = (n: number) => crypto.getRandomValues(new Uint8Array(n))
    const t = new Date('2026-11-28T10:15:42Z')
    const rrn = clientRrnFrom(random, t)
    expect(isClientRrn(rrn)).toBe(true)
    expect(rrn.slice(0, CLIENT_RRN_TIME_CHARS)).toBe(
      Math.floor(t.getTime() / 60_000)
        .toString(36)
        .padStart(5, '0'),
    )
    const randomBits = (CLIENT_RRN_LENGTH - CLIENT_RRN_TIME_CHARS) * Math.log2(CLIENT_RRN_ALPHABET.length)
    expect(randomBits).toBeGreaterThanOrEqual(96)
    // Later minutes sort later (the point of the prefix: new orders sit together in an index).
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2080-01-01'), noInvalidDate: true }),
        fc.nat(10_000_000),
        (d, later) => {
          const a = clientRrnFrom(random, d)
          const b = clientRrnFrom(random, new Date(d.getTime() + 60_000 + later))
          expect(a.slice(0, 5) < b.slice(0, 5)).toBe(true)
        },
      ),
    )
  })

  it('keeps two orders from signing the same string', () => {
    // The reason client_rrn has one length: without it ("ORD0001", "15.00") and
    // ("ORD00011", "5.00") would sign the same message.
    const a = signingMessage({ service_id: '1', client_rrn: 'a'.repeat(24), amount: '15.00' })
    const b = signingMessage({ service_id: '1', client_rrn: `${'a'.repeat(23)}1`, amount: '5.00' })
    expect(a).not.toBe(b)
  })
})

describe('isClientRrn', () => {
  it.each([['abc'], ['A'.repeat(24)], ['a'.repeat(25)], [''], [null], [24]])('rejects %j', (value) => {
    expect(isClientRrn(value)).toBe(false)
  })
})
