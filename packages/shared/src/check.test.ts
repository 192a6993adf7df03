import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCheckResponse } from './check.ts'

const body = {
  amount: '1.23',
  client_rrn: '1471855074',
  psp_rrn: '1471851442-lfI7yG-vTuaxI-x87xAS',
  bank_rrn: 'gV1Pwgz6HmXJphEMVLEUUnp+sD8=',
  date: { date: '2016-08-22 11:37:23.000000', timezone_type: 3, timezone: 'Asia/Baku' },
}

const ok = (code: unknown, extra: Record<string, unknown> = {}) => ({
  status: 'OK',
  code,
  description: 'Request failed',
  body: { ...body, ...extra },
})

describe('parseCheckResponse', () => {
  it("reads the provider's documented example (code as a string, -1 = failed)", () => {
    const result = parseCheckResponse(JSON.stringify(ok('-1')))
    expect(result).toMatchObject({ kind: 'failed', code: -1, description: 'Request failed' })
    expect(result.kind === 'failed' && result.body?.bank_rrn).toBe(body.bank_rrn)
  })

  it.each([
    ['0', 'paid'],
    [0, 'paid'],
    ['1', 'pending'],
    [1, 'pending'],
    ['-1', 'failed'],
    [-1, 'failed'],
    [' 0 ', 'paid'],
  ])('maps code %j to %s', (code, kind) => {
    expect(parseCheckResponse(ok(code)).kind).toBe(kind)
  })

  it('returns the body of a paid answer with the amount in qəpik', () => {
    const result = parseCheckResponse(ok('0'))
    expect(result).toEqual({
      kind: 'paid',
      code: 0,
      description: 'Request failed',
      body: {
        amount: '1.23',
        qepik: 123,
        client_rrn: '1471855074',
        psp_rrn: body.psp_rrn,
        bank_rrn: body.bank_rrn,
        date: '2016-08-22 11:37:23',
        timezone: 'Asia/Baku',
        test: false,
      },
    })
  })

  it('reads created_at in place of date', () => {
    const { date, ...rest } = body
    const result = parseCheckResponse({ status: 'OK', code: 0, body: { ...rest, created_at: date } })
    expect(result.kind === 'paid' && result.body.date).toBe('2016-08-22 11:37:23')
  })

  it('reads the extra service object and its test flag', () => {
    const service = { id: 123456, title: 'Test', test: 1, status: 1 }
    const result = parseCheckResponse(ok(0, { service }))
    expect(result.kind === 'paid' && result.body.test).toBe(true)
    const live = parseCheckResponse(ok(0, { service: { ...service, test: 0 } }))
    expect(live.kind === 'paid' && live.body.test).toBe(false)
    expect(result.kind === 'paid' && result.body.service_id).toBe('123456')
    const named = parseCheckResponse(ok(0, { service: { ...service, id: 'svc-7' } }))
    expect(named.kind === 'paid' && named.body.service_id).toBe('svc-7')
    const odd = parseCheckResponse(ok(0, { service: { ...service, id: 1.5 } }))
    expect(odd.kind === 'paid' && [odd.body.service_id, odd.body.test]).toEqual(['?', true])
  })

  it('keeps URL-unsafe characters of psp_rrn and bank_rrn untouched', () => {
    const result = parseCheckResponse(
      ok('0', { psp_rrn: '1495199725-5xfasd-6CVI3o-l]Bupz', bank_rrn: 'O/yn+szmjVxYVMmst0T7Z02zxM0=' }),
    )
    expect(result.kind === 'paid' && [result.body.psp_rrn, result.body.bank_rrn]).toEqual([
      '1495199725-5xfasd-6CVI3o-l]Bupz',
      'O/yn+szmjVxYVMmst0T7Z02zxM0=',
    ])
  })

  it('reads BAD 10 with its field errors', () => {
    const result = parseCheckResponse({
      status: 'BAD',
      code: 10,
      description: 'Validation error',
      errors: { psp_rrn: ['The psp rrn field is required.'] },
    })
    expect(result).toEqual({
      kind: 'rejected',
      code: 10,
      description: 'Validation error',
      errors: { psp_rrn: ['The psp rrn field is required.'] },
    })
  })

  it('reads BAD 20, unknown RRN', () => {
    expect(parseCheckResponse('{"status":"BAD","code":20,"description":"RRN is wrong"}')).toEqual({
      kind: 'rejected',
      code: 20,
      description: 'RRN is wrong',
      errors: {},
    })
  })

  it.each([
    ['not JSON', 'garbage'],
    ['empty text', ''],
    ['null', null],
    ['an array', [1, 2]],
    ['an unknown status', { status: 'MAYBE', code: 0 }],
    ['an unknown OK code', { status: 'OK', code: 7, body }],
    ['a fractional code', { status: 'OK', code: 0.5, body }],
    ['code 0 without a body', { status: 'OK', code: 0 }],
    ['code 0 with a float-like amount', ok(0, { amount: '1.234' })],
    ['code 0 with a comma amount', ok(0, { amount: '1,23' })],
    ['code 0 with a JSON number amount', ok(0, { amount: 5.2300000000000004 })],
    ['code 0 without client_rrn', { status: 'OK', code: 0, body: { amount: '1.00', psp_rrn: 'x' } }],
  ])('calls %s unreadable', (_, input) => {
    expect(parseCheckResponse(input).kind).toBe('unreadable')
  })

  it('never calls a payment paid unless the answer says code 0', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const result = parseCheckResponse(json)
        if (result.kind === 'paid') {
          expect(json).toMatchObject({ status: 'OK' })
        }
      }),
    )
  })

  it('never throws, whatever it is given', () => {
    const envelopeish = fc.record(
      {
        status: fc.oneof(fc.constantFrom('OK', 'BAD'), fc.string()),
        code: fc.oneof(fc.integer(), fc.string(), fc.double(), fc.constant(null)),
        description: fc.anything(),
        body: fc.oneof(fc.anything(), fc.record({ amount: fc.anything(), client_rrn: fc.anything() })),
        errors: fc.anything(),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.string(),
          envelopeish,
          envelopeish.map((e) => JSON.stringify(e)),
        ),
        (input) => {
          expect(() => parseCheckResponse(input)).not.toThrow()
        },
      ),
      { numRuns: 3000 },
    )
  })
})
