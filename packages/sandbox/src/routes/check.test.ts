import { parseCheckResponse } from '@portmanat-checkout/shared'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConnectionDropped } from '../faults.ts'
import { formPost, processForm, setup } from '../test-support.ts'

afterEach(() => {
  vi.useRealTimers()
})

/** A sandbox with one created payment. */
async function withPayment(options: Parameters<typeof setup>[0] = {}) {
  const s = setup(options)
  const form = processForm({ amount: '5.2' })
  await s.request('/process', formPost(form))
  const [payment] = s.control.payments()
  if (!payment) throw new Error('no payment')
  const check = (headers: Record<string, string> = {}, signal?: AbortSignal) =>
    s.request('/check', {
      ...formPost(new URLSearchParams({ psp_rrn: payment.psp_rrn }), headers),
      ...(signal ? { signal } : {}),
    })
  return { ...s, payment, check }
}

describe('POST /check', () => {
  it('answers code 1 for a payment whose buyer is still on the pages', async () => {
    const { check, payment } = await withPayment()
    const response = await check()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({
      status: 'OK',
      code: '1',
      description: 'Pending',
      body: {
        amount: '5.20',
        client_rrn: payment.client_rrn,
        psp_rrn: payment.psp_rrn,
        // No bank has answered yet: no bank reference.
        date: { date: '2026-05-15 12:00:00.000000', timezone_type: 3, timezone: 'Asia/Baku' },
      },
    })
  })

  it('takes psp_rrn as a form field, a JSON field or a query parameter', async () => {
    const { request, payment } = await withPayment()
    const answers = await Promise.all([
      request('/check', formPost(new URLSearchParams({ psp_rrn: payment.psp_rrn }))),
      request('/check', {
        method: 'POST',
        body: JSON.stringify({ psp_rrn: payment.psp_rrn }),
        headers: { 'Content-Type': 'application/json' },
      }),
      request(`/check?psp_rrn=${encodeURIComponent(payment.psp_rrn)}`, { method: 'POST' }),
    ])
    for (const answer of answers)
      expect(await answer.json()).toMatchObject({ status: 'OK', body: { psp_rrn: payment.psp_rrn } })
  })

  it.each([
    ['no body', ''],
    ['an empty psp_rrn', 'psp_rrn='],
  ])('answers BAD 10 for %s', async (_, body) => {
    const { request } = await withPayment()
    expect(await (await request('/check', formPost(body))).text()).toBe(
      '{"status":"BAD","code":10,"description":"Validation error","errors":{"psp_rrn":["The psp rrn field is required."]}}',
    )
  })

  it('answers BAD 10 for a psp_rrn that is not a string, or sent twice', async () => {
    const { request } = await withPayment()
    const json = await request('/check', {
      method: 'POST',
      body: '{"psp_rrn": 5}',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(await json.json()).toMatchObject({
      code: 10,
      errors: { psp_rrn: ['The psp rrn must be a string.'] },
    })
    const twice = await request('/check', formPost('psp_rrn=a&psp_rrn=b'))
    expect(await twice.json()).toMatchObject({
      code: 10,
      errors: { psp_rrn: ['The psp rrn field must be sent once.'] },
    })
  })

  it('answers BAD 20 for an unknown psp_rrn', async () => {
    const { request } = await withPayment()
    expect(
      await (await request('/check', formPost('psp_rrn=1495199725-5xfasd-6CVI3o-l%5DBupz'))).text(),
    ).toBe('{"status":"BAD","code":20,"description":"RRN is wrong"}')
  })

  it('treats broken JSON or a foreign body as no body', async () => {
    const { request } = await withPayment()
    for (const [type, body] of [
      ['application/json', '{"psp_rrn":'],
      ['application/json', '[1,2]'],
      ['text/xml', '<psp_rrn>x</psp_rrn>'],
    ]) {
      const answer = await request('/check', {
        method: 'POST',
        body,
        headers: { 'Content-Type': type ?? '' },
      })
      expect(answer.status).toBe(200)
      expect(await answer.json()).toMatchObject({ status: 'BAD', code: 10 })
    }
  })

  it('emits the variant set by the control', async () => {
    const { check, control } = await withPayment()
    control.setVariant({ dateField: 'created_at', code: 'number', service: true })
    const answer = await (await check()).json()
    expect(answer).toMatchObject({
      code: 1,
      body: {
        created_at: { timezone: 'Asia/Baku' },
        service: { id: 200002, title: 'Test shop <b>&</b>', test: 1, status: 1 },
      },
    })
    expect(answer).not.toHaveProperty('body.date')
    expect(parseCheckResponse(answer)).toMatchObject({ kind: 'pending', body: { test: true } })
  })
})

describe('faults on /check', () => {
  it('answers a proxy error page for status faults, from the header or the instance', async () => {
    const { check, control } = await withPayment()
    const byHeader = await check({ 'X-Sandbox-Fault': 'status=503' })
    expect(byHeader.status).toBe(503)
    expect(await byHeader.text()).toContain('503 Service Temporarily Unavailable')
    control.setFaults({ status: 500 })
    expect((await check()).status).toBe(500)
    expect((await check()).status).toBe(500)
    control.clearFaults()
    expect((await check()).status).toBe(200)
  })

  it('applies instance faults `times` times, then answers well', async () => {
    const { check, control } = await withPayment({ faults: { malformed: true, times: 2 } })
    for (let i = 0; i < 2; i++) {
      const text = await (await check()).text()
      expect(() => JSON.parse(text)).toThrow()
      expect(parseCheckResponse(text)).toEqual({ kind: 'unreadable', reason: 'not JSON' })
    }
    expect(await (await check()).json()).toMatchObject({ status: 'OK' })
    expect(control.payments()).toHaveLength(1)
  })

  it('a header fault wins over the instance faults and does not use them up', async () => {
    const { check, control } = await withPayment({ faults: { status: 503, times: 1 } })
    expect((await check({ 'X-Sandbox-Fault': 'status=502' })).status).toBe(502)
    expect((await check()).status).toBe(503)
    expect((await check()).status).toBe(200)
    expect(control.payments()).toHaveLength(1)
  })

  it('rejects app.request() for a dropped connection', async () => {
    const { check } = await withPayment()
    await expect(check({ 'X-Sandbox-Fault': 'drop' })).rejects.toBeInstanceOf(ConnectionDropped)
  })

  it('hangs until the client gives up, then rejects', async () => {
    const { check } = await withPayment()
    const controller = new AbortController()
    const pending = check({ 'X-Sandbox-Fault': 'hang' }, controller.signal)
    let settled = false
    pending.catch(() => {}).finally(() => (settled = true))
    await new Promise((resolve) => setImmediate(resolve))
    expect(settled).toBe(false)
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(ConnectionDropped)
  })

  it('lets a hanging request go at the cap, and on reset', async () => {
    vi.useFakeTimers()
    const capped = await withPayment({ maxHangMs: 10_000 })
    const pending = capped.check({ 'X-Sandbox-Fault': 'hang' })
    const outcome = pending.then(
      () => 'answered',
      (error: Error) => error.message,
    )
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await outcome).toBe('sandbox fault: hanging request capped')

    const reset = await withPayment()
    const held = reset.check({ 'X-Sandbox-Fault': 'hang' }).catch((error: Error) => error.message)
    await vi.advanceTimersByTimeAsync(0)
    reset.control.reset()
    expect(await held).toBe('sandbox fault: hanging request released')
  })

  it('adds latency', async () => {
    vi.useFakeTimers()
    const { check } = await withPayment()
    let done = false
    const pending = check({ 'X-Sandbox-Fault': 'latency=2000' }).then((response) => {
      done = true
      return response
    })
    await vi.advanceTimersByTimeAsync(1999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).status).toBe(200)
  })

  it('answers BAD 10 for an unreadable fault header', async () => {
    const { check } = await withPayment()
    const response = await check({ 'X-Sandbox-Fault': 'status=418' })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      status: 'BAD',
      code: 10,
      errors: { 'X-Sandbox-Fault': [expect.any(String)] },
    })
  })
})
