import { CLIENT_RRN_LENGTH } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, listHref, readListQuery } from './filters.ts'

const any = () => true

describe('keyset cursors', () => {
  it('carry created_at and key through a link and back', () => {
    const cursor = { created_at: '2026-03-01T10:00:00.000Z', key: 'msg_01-AB' }
    expect(decodeCursor(encodeCursor(cursor), any)).toEqual(cursor)
  })

  it('refuse what is not one: no value, not base64url, a third part, too long, or refused by valid', () => {
    expect(decodeCursor(undefined, any)).toBeUndefined()
    expect(decodeCursor('not base64!', any)).toBeUndefined()
    expect(decodeCursor(Buffer.from('a~b~c').toString('base64url'), any)).toBeUndefined()
    expect(decodeCursor('A'.repeat(201), any)).toBeUndefined()
    expect(decodeCursor(encodeCursor({ created_at: 'x', key: 'y' }), () => false)).toBeUndefined()
  })

  it('page the orders list: the link’s cursor reads back as the same order, a bad one is flagged', () => {
    const form = { status: '', from: '', to: '', q: '' } as const
    const after = { created_at: '2026-03-01T10:00:00.000Z', client_rrn: '0'.repeat(CLIENT_RRN_LENGTH) }
    const read = readListQuery(
      (name) =>
        new URL(listHref('/dashboard', form, { after }), 'http://x').searchParams.get(name) ?? undefined,
    )
    expect(read.invalid).toBe(false)
    expect(read.after).toEqual(after)
    expect(readListQuery((name) => (name === 'after' ? 'xyz' : undefined)).invalid).toBe(true)
  })
})
