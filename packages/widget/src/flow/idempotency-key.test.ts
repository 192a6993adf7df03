import { describe, expect, it } from 'vitest'
import { newIdempotencyKey } from './idempotency-key.ts'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('newIdempotencyKey', () => {
  it('uses crypto.randomUUID where it exists', () => {
    expect(newIdempotencyKey({ randomUUID: () => '1-2-3-4-5', getRandomValues: (a) => a })).toBe('1-2-3-4-5')
  })

  it('falls back to getRandomValues outside secure contexts', () => {
    const key = newIdempotencyKey({ getRandomValues: (array) => crypto.getRandomValues(array) })
    expect(key).toMatch(UUID_V4)
    expect(newIdempotencyKey({ getRandomValues: (array) => crypto.getRandomValues(array) })).not.toBe(key)
  })
})
