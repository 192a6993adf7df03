import { describe, expect, it } from 'vitest'
import { formPost, processForm, SHOP, setup } from './test-support.ts'

const json = (method: string, body?: unknown): RequestInit => ({
  method,
  ...(body === undefined
    ? {}
    : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
})

async function withPayment() {
  const s = setup()
  await s.request('/process', formPost(processForm({ client_rrn: 'order-42' })))
  const [payment] = s.control.payments()
  if (!payment) throw new Error('no payment')
  return { ...s, payment }
}

describe('POST /_sandbox/settle', () => {
  it('settles by psp_rrn or client_rrn', async () => {
    const { request, payment } = await withPayment()
    const paid = await request(
      '/_sandbox/settle',
      json('POST', { psp_rrn: payment.psp_rrn, outcome: 'paid' }),
    )
    expect(paid.status).toBe(200)
    expect(await paid.json()).toMatchObject({ payment: { psp_rrn: payment.psp_rrn, status: 'paid' } })

    const other = await withPayment()
    const failed = await other.request(
      '/_sandbox/settle',
      json('POST', { client_rrn: 'order-42', outcome: 'failed' }),
    )
    expect(await failed.json()).toMatchObject({ payment: { status: 'failed' } })
  })

  it.each([
    [{ outcome: 'paid' }, 400, 'give exactly one of psp_rrn and client_rrn'],
    [{ psp_rrn: 'a', client_rrn: 'b', outcome: 'paid' }, 400, 'give exactly one of psp_rrn and client_rrn'],
    [{ psp_rrn: 'a', outcome: 'maybe' }, 400, 'outcome must be "paid" or "failed"'],
    [{ psp_rrn: 'nope', outcome: 'paid' }, 404, 'no payment has this psp_rrn'],
    [{ client_rrn: 'nope', outcome: 'paid' }, 404, 'no payment has this client_rrn'],
    [[1], 400, 'the body must be a JSON object'],
  ])('refuses %j', async (body, status, message) => {
    const { request } = await withPayment()
    const response = await request('/_sandbox/settle', json('POST', body))
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining(message) } })
  })

  it('refuses to settle a final payment', async () => {
    const { request, control, payment } = await withPayment()
    control.settle({ psp_rrn: payment.psp_rrn }, 'failed')
    const response = await request(
      '/_sandbox/settle',
      json('POST', { psp_rrn: payment.psp_rrn, outcome: 'paid' }),
    )
    expect(response.status).toBe(409)
    expect(await response.json()).toEqual({
      error: { code: 'payment_final', message: 'the payment is already failed' },
    })
  })

  it('takes only JSON', async () => {
    const { request, payment } = await withPayment()
    const form = await request(
      '/_sandbox/settle',
      formPost(new URLSearchParams({ psp_rrn: payment.psp_rrn, outcome: 'paid' })),
    )
    expect(form.status).toBe(415)
    const broken = await request('/_sandbox/settle', {
      method: 'POST',
      body: '{',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(broken.status).toBe(400)
    expect(await broken.json()).toMatchObject({ error: { code: 'invalid_json' } })
  })
})

describe('faults and variant endpoints', () => {
  it('PUT, GET and DELETE /_sandbox/faults', async () => {
    const { request } = setup()
    const put = await request('/_sandbox/faults', json('PUT', { status: 503, times: 1 }))
    expect(await put.json()).toEqual({ faults: { status: 503, times: 1 } })
    expect(await (await request('/_sandbox/faults')).json()).toEqual({ faults: { status: 503, times: 1 } })
    expect((await request('/check', formPost('psp_rrn=x'))).status).toBe(503)
    expect(await (await request('/_sandbox/faults')).json()).toEqual({ faults: null })
    await request('/_sandbox/faults', json('PUT', { drop: true }))
    expect(await (await request('/_sandbox/faults', json('DELETE'))).json()).toEqual({ faults: null })
    const bad = await request('/_sandbox/faults', json('PUT', { drop: true, hang: true }))
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({
      error: { message: 'choose at most one of status, malformed, drop and hang' },
    })
  })

  it('PUT and GET /_sandbox/variant', async () => {
    const { request } = setup()
    const put = await request('/_sandbox/variant', json('PUT', { code: 'number', dateField: 'created_at' }))
    expect(await put.json()).toEqual({ variant: { code: 'number', dateField: 'created_at' } })
    expect(await (await request('/check', formPost('psp_rrn=x'))).json()).toEqual({
      status: 'BAD',
      code: 20,
      description: 'RRN is wrong',
    })
    await request('/_sandbox/variant', json('PUT', { code: 'string' }))
    expect(await (await request('/check', formPost('psp_rrn=x'))).json()).toMatchObject({ code: '20' })
    expect((await request('/_sandbox/variant', json('PUT', { code: 'hex' }))).status).toBe(400)
  })
})

describe('payments, services and reset', () => {
  it('lists payments, filtered', async () => {
    const { request, payment } = await withPayment()
    expect(await (await request('/_sandbox/payments')).json()).toEqual({ payments: [payment] })
    expect(await (await request('/_sandbox/payments?client_rrn=other')).json()).toEqual({ payments: [] })
    expect(
      await (await request(`/_sandbox/payments?psp_rrn=${encodeURIComponent(payment.psp_rrn)}`)).json(),
    ).toEqual({
      payments: [payment],
    })
  })

  it('adds a service and lists services without secrets', async () => {
    const { request } = setup()
    const added = await request(
      '/_sandbox/services',
      json('POST', {
        service_id: '555',
        secret: 'five-secret',
        title: 'Five',
        callback_url: 'https://five.example/cb',
        callback_method: 'POST',
      }),
    )
    expect(added.status).toBe(201)
    const list = await (await request('/_sandbox/services')).text()
    expect(list).toContain('"service_id":"555"')
    expect(list).not.toContain('five-secret')
    expect(list).not.toContain(SHOP.secret)
    const refused = await request(
      '/_sandbox/services',
      json('POST', { service_id: '556', secret: 'leak-me', title: '', callback_url: 'x' }),
    )
    expect(refused.status).toBe(400)
    expect(await refused.text()).not.toContain('leak-me')
  })

  it('reset forgets payments and added services', async () => {
    const { request, control } = await withPayment()
    control.addService({ ...SHOP, service_id: '999' })
    expect(await (await request('/_sandbox/reset', { method: 'POST' })).json()).toEqual({ ok: true })
    expect(control.payments()).toEqual([])
    expect(await (await request('/_sandbox/services')).json()).toEqual({
      services: [expect.objectContaining({ service_id: SHOP.service_id })],
    })
  })

  it('answers 405 with Allow to a wrong method, and 404 JSON to an unknown control', async () => {
    const { request } = setup()
    const wrong = await request('/_sandbox/reset')
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
    expect(await wrong.json()).toMatchObject({ error: { code: 'method_not_allowed' } })
    const unknown = await request('/_sandbox/nothing')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } })
  })
})
