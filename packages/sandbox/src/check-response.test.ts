import { parseCheckResponse } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import { bakuTimestamp, okAnswer, parseVariant, validationAnswer, wrongRrnAnswer } from './check-response.ts'
import type { SandboxPayment } from './types.ts'

const payment: SandboxPayment = {
  psp_rrn: '1471851442-lfI7yG-vTuaxI-x87xAS',
  bank_rrn: 'gV1Pwgz6HmXJphEMVLEUUnp+sD8=',
  service_id: '123456',
  client_rrn: 'abc',
  amount: '1.23',
  client_ip: '203.0.113.7',
  status: 'failed',
  created_at: '2016-08-22T07:37:23.000Z',
  updated_at: '2016-08-22T07:37:23.000Z',
  card_last4: '0002',
}
const service = { service_id: '123456', secret: 's', title: 'Test', callback_url: '', test: true }

describe('okAnswer', () => {
  it('is the document example, byte for byte', () => {
    expect(JSON.stringify(okAnswer(payment, service, {}))).toBe(
      '{"status":"OK","code":"-1","description":"Request failed","body":{"amount":"1.23","client_rrn":"abc","psp_rrn":"1471851442-lfI7yG-vTuaxI-x87xAS","bank_rrn":"gV1Pwgz6HmXJphEMVLEUUnp+sD8=","date":{"date":"2016-08-22 11:37:23.000000","timezone_type":3,"timezone":"Asia/Baku"}}}',
    )
  })

  it('has no bank_rrn for a payment the buyer cancelled before the bank answered, and parses', () => {
    const { card_last4: _, ...cancelled } = payment
    const answer = okAnswer(cancelled, service, {})
    expect(answer.body).not.toHaveProperty('bank_rrn')
    const parsed = parseCheckResponse(JSON.parse(JSON.stringify(answer)))
    expect(parsed.kind).toBe('failed')
    expect(okAnswer({ ...cancelled, status: 'paid' }, service, {}).body).toHaveProperty('bank_rrn')
  })

  it.each([
    ['created', '1', 'Pending'],
    ['pending', '1', 'Pending'],
    ['paid', '0', 'OK'],
    ['failed', '-1', 'Request failed'],
  ] as const)('%s → code %s', (status, code, description) => {
    expect(okAnswer({ ...payment, status }, service, {})).toMatchObject({ status: 'OK', code, description })
  })

  it('emits the variants', () => {
    const answer = okAnswer(
      { ...payment, status: 'paid' },
      { ...service, test: false },
      { dateField: 'created_at', code: 'number', service: true },
    )
    expect(answer.code).toBe(0)
    expect(answer.body).not.toHaveProperty('date')
    expect(answer.body).toMatchObject({
      created_at: { date: '2016-08-22 11:37:23.000000', timezone_type: 3, timezone: 'Asia/Baku' },
      service: { id: 123456, title: 'Test', test: 0, status: 1 },
    })
  })

  it('reads as the shared parser expects, in every variant', () => {
    for (const dateField of ['date', 'created_at'] as const) {
      for (const code of ['string', 'number', undefined] as const) {
        for (const withService of [true, false]) {
          const answer = okAnswer({ ...payment, status: 'paid' }, service, {
            dateField,
            code,
            service: withService,
          })
          expect(parseCheckResponse(JSON.stringify(answer))).toMatchObject({
            kind: 'paid',
            body: {
              amount: '1.23',
              qepik: 123,
              client_rrn: 'abc',
              date: '2016-08-22 11:37:23',
              test: withService,
            },
          })
        }
      }
    }
  })
})

describe('BAD answers', () => {
  it('are the documented shapes, numeric code by default', () => {
    expect(JSON.stringify(wrongRrnAnswer({}))).toBe('{"status":"BAD","code":20,"description":"RRN is wrong"}')
    expect(JSON.stringify(validationAnswer({ psp_rrn: ['The psp rrn field is required.'] }, {}))).toBe(
      '{"status":"BAD","code":10,"description":"Validation error","errors":{"psp_rrn":["The psp rrn field is required."]}}',
    )
    expect(wrongRrnAnswer({ code: 'string' }).code).toBe('20')
    expect(parseCheckResponse(wrongRrnAnswer({ code: 'string' }))).toMatchObject({
      kind: 'rejected',
      code: 20,
    })
  })
})

describe('bakuTimestamp', () => {
  it('is UTC+4 all year with microseconds', () => {
    expect(bakuTimestamp('2026-01-10T21:30:05.123Z').date).toBe('2026-01-11 01:30:05.123000')
    expect(bakuTimestamp('2026-07-10T21:30:05.000Z').date).toBe('2026-07-11 01:30:05.000000')
  })
})

describe('parseVariant', () => {
  it('refuses what it does not know', () => {
    expect(parseVariant({ dateField: 'when' })).toEqual({
      ok: false,
      message: 'dateField must be "date" or "created_at"',
    })
    expect(parseVariant({ colour: 1 })).toMatchObject({
      ok: false,
      message: expect.stringContaining('unknown variant field'),
    })
    expect(parseVariant([])).toMatchObject({ ok: false })
  })
})
