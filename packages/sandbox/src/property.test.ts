/**
 * No form body, however random, makes /process, /check or the bank answer a 5xx.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formPost, processForm, SHOP, setup } from './test-support.ts'

const FIELDS = [
  'service_id',
  'client_rrn',
  'amount',
  'client_ip',
  'hash',
  'psp_rrn',
  'lang',
  'number',
  'expiry',
  'cvv',
]

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    '5.23',
    '0',
    '-1',
    '1e9',
    SHOP.service_id,
    '127.0.0.1',
    '::1',
    '4242424242424242',
    '12/30',
    'ru',
  ),
)

/** Random bodies: known and unknown fields, repeated fields, raw text. */
const body = fc.oneof(
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), value), { maxLength: 12 })
    .map((pairs) => new URLSearchParams(pairs).toString()),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.dictionary(fc.constantFrom(...FIELDS), value).map((fields) => {
    // Sometimes signed properly, so random bodies also reach the pages after /process.
    const signed = processForm({ amount: fields.amount ?? '1.00' })
    return new URLSearchParams({ ...Object.fromEntries(signed), ...fields }).toString()
  }),
)

describe('random bodies', () => {
  it('never give a 500', async () => {
    const s = setup()
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('/process', '/check', '/bank', '/process/continue', '/process/cancel'),
        fc.constantFrom(
          'application/x-www-form-urlencoded',
          'application/json',
          'multipart/form-data',
          'text/plain',
        ),
        async (text, path, type) => {
          const response = await s.request(path, {
            method: 'POST',
            body: text,
            headers: { 'Content-Type': type },
          })
          expect(response.status).toBeLessThan(500)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('/check always answers a documented JSON shape', async () => {
    const s = setup()
    await s.request('/process', formPost(processForm()))
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const response = await s.request('/check', formPost(text))
        expect(response.status).toBe(200)
        const json: unknown = await response.json()
        expect(json).toMatchObject({
          status: expect.stringMatching(/^(OK|BAD)$/),
          description: expect.any(String),
        })
      }),
      { numRuns: 300 },
    )
  })
})
