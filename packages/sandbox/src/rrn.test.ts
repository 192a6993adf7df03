import { describe, expect, it } from 'vitest'
import { bankRrn, PSP_RRN_PATTERN, pspRrn, URL_UNSAFE } from './rrn.ts'

describe('pspRrn', () => {
  it('has the provider shape with the unix seconds of its creation', () => {
    const rrn = pspRrn(new Date('2017-05-19T13:35:25Z'))
    expect(rrn).toMatch(PSP_RRN_PATTERN)
    expect(rrn.startsWith('1495200925-')).toBe(true)
  })

  it('always carries a URL-unsafe character, so encoding bugs show at once', () => {
    for (let i = 0; i < 200; i++) {
      const rrn = pspRrn(new Date())
      expect([...URL_UNSAFE].some((char) => rrn.includes(char))).toBe(true)
      expect(encodeURIComponent(rrn)).not.toBe(rrn)
    }
  })

  it('does not repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => pspRrn(new Date())))
    expect(seen.size).toBe(1000)
  })
})

describe('bankRrn', () => {
  it('looks like base64 of 20 bytes', () => {
    const rrn = bankRrn()
    expect(rrn).toMatch(/^[A-Za-z0-9+/]{27}=$/)
    expect(Buffer.from(rrn, 'base64')).toHaveLength(20)
  })
})
