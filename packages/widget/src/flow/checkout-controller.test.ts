import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '../api/client.ts'
import {
  type Answer,
  apiError,
  checkoutAnswer,
  ENDPOINT,
  fakeFetch,
  json,
  paymentAnswer,
  RRN,
} from '../testing/fake-server.ts'
import {
  type CheckoutEventDetail,
  type CheckoutEventName,
  createCheckout,
  type Phase,
} from './checkout-controller.ts'

function setup(answer: (index: number) => Answer, item: string | undefined = 'premium') {
  const fetch = fakeFetch((_, index) => answer(index))
  const events: [CheckoutEventName, CheckoutEventDetail][] = []
  const phases: Phase['name'][] = []
  const submit = vi.fn()
  let keys = 0
  const controller = createCheckout({
    client: createClient({ endpoint: ENDPOINT, fetch }),
    item,
    returnUrl: 'https://shop.az/',
    locale: 'en',
    emit: (name, detail) => events.push([name, detail]),
    onChange: (phase) => phases.push(phase.name),
    newKey: () => `key-${++keys}`,
    submit,
  })
  return { controller, fetch, events, phases, submit }
}

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('checkout', () => {
  it('goes idle → loading → summary → submitting and posts the server redirect', async () => {
    const { controller, phases, submit, fetch } = setup(() => json(201, checkoutAnswer()))
    controller.start()
    await vi.waitFor(() => expect(controller.phase.name).toBe('summary'))
    expect(fetch.calls[0]?.body).toEqual({ item: 'premium', return_url: 'https://shop.az/', locale: 'en' })
    controller.confirm()
    expect(phases).toEqual(['loading', 'summary', 'submitting'])
    expect(submit).toHaveBeenCalledWith(checkoutAnswer().redirect)
  })

  it('makes one request for a double click', async () => {
    const { controller, fetch } = setup(() => json(201, checkoutAnswer()))
    controller.start()
    controller.start()
    await vi.waitFor(() => expect(controller.phase.name).toBe('summary'))
    controller.start()
    expect(fetch.calls).toHaveLength(1)
  })

  it('retries with the same key, and a new attempt gets a new key', async () => {
    const { controller, fetch } = setup((index) =>
      index === 0 ? apiError(503, 'unavailable') : json(201, checkoutAnswer()),
    )
    controller.start()
    await vi.waitFor(() => expect(controller.phase).toMatchObject({ name: 'error', retry: true }))
    controller.retry()
    await vi.waitFor(() => expect(controller.phase.name).toBe('summary'))
    controller.close()
    controller.start()
    await vi.waitFor(() => expect(fetch.calls).toHaveLength(3))
    expect(fetch.calls.map((call) => call.headers.get('idempotency-key'))).toEqual([
      'key-1',
      'key-1',
      'key-2',
    ])
  })

  it('takes a new key after an idempotency conflict', async () => {
    const { controller, fetch } = setup((index) =>
      index === 0 ? apiError(409, 'idempotency_conflict') : json(201, checkoutAnswer()),
    )
    controller.start()
    await vi.waitFor(() => expect(controller.phase.name).toBe('error'))
    controller.retry()
    await vi.waitFor(() => expect(controller.phase.name).toBe('summary'))
    expect(fetch.calls.map((call) => call.headers.get('idempotency-key'))).toEqual(['key-1', 'key-2'])
  })

  it('offers no retry for a misconfigured embed and says why in the console', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { controller, events } = setup(() => apiError(400, 'return_url_not_allowed'))
    controller.start()
    await vi.waitFor(() => expect(controller.phase).toMatchObject({ name: 'error', retry: false }))
    expect(error).toHaveBeenCalledWith('[portmanat-checkout] return_url_not_allowed happened')
    expect(events).toEqual([
      ['error', { error: expect.objectContaining({ kind: 'return_url', status: 400 }) }],
    ])
  })

  it('holds Retry until Retry-After has passed', async () => {
    vi.useFakeTimers()
    const { controller, fetch } = setup(() => apiError(429, 'rate_limited', { 'retry-after': '3' }))
    controller.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(controller.phase).toMatchObject({ name: 'error', wait: 3 })
    controller.retry()
    expect(fetch.calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(3000)
    expect(controller.phase).toMatchObject({ name: 'error', wait: 0 })
    controller.retry()
    expect(fetch.calls).toHaveLength(2)
  })

  it('cancels: aborts the request while loading, emits cancel with the order in the summary', async () => {
    const loading = setup(() => 'hang')
    loading.controller.start()
    loading.controller.close()
    expect(loading.fetch.calls[0]?.signal?.aborted).toBe(true)
    expect(loading.events).toEqual([['cancel', {}]])

    const summary = setup(() => json(201, checkoutAnswer()))
    summary.controller.start()
    await vi.waitFor(() => expect(summary.controller.phase.name).toBe('summary'))
    summary.controller.close()
    expect(summary.events).toEqual([['cancel', { client_rrn: RRN }]])
    expect(summary.controller.phase.name).toBe('idle')
  })

  it('cannot be closed while the form is on its way, but reset() starts over', async () => {
    const { controller } = setup(() => json(201, checkoutAnswer()))
    controller.start()
    await vi.waitFor(() => expect(controller.phase.name).toBe('summary'))
    controller.confirm()
    controller.close()
    expect(controller.phase.name).toBe('submitting')
    controller.reset()
    expect(controller.phase.name).toBe('idle')
  })

  it('reports a form that could not be submitted', async () => {
    const { controller, submit } = setup(() => json(201, checkoutAnswer()))
    submit.mockImplementation(() => {
      throw new Error('blocked')
    })
    controller.start()
    await vi.waitFor(() => expect(controller.phase.name).toBe('summary'))
    controller.confirm()
    expect(controller.phase).toMatchObject({ name: 'error', error: { kind: 'malformed' } })
  })
})

describe('return', () => {
  const params = { status: 'paid' as const, clientRrn: RRN }

  it('trusts the server over the query parameter', async () => {
    const { controller, events } = setup(() => json(200, paymentAnswer('failed')), undefined)
    controller.showReturn(params)
    await vi.waitFor(() => expect(controller.phase).toMatchObject({ name: 'result', status: 'failed' }))
    expect(events).toEqual([['error', { client_rrn: RRN, status: 'failed' }]])
  })

  it('polls a pending payment with backoff until it is paid', async () => {
    vi.useFakeTimers()
    const answers = ['pending', 'pending', 'pending', 'paid'] as const
    const { controller, fetch, events } = setup((index) => json(200, paymentAnswer(answers[index] ?? 'paid')))
    controller.showReturn({ ...params, status: 'pending' })
    await vi.advanceTimersByTimeAsync(0)
    expect(controller.phase).toMatchObject({ name: 'result', status: 'pending', polling: true })
    await vi.advanceTimersByTimeAsync(999)
    expect(fetch.calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(fetch.calls).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(2000)
    expect(fetch.calls).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(3000)
    expect(fetch.calls).toHaveLength(4)
    expect(controller.phase).toMatchObject({ name: 'result', status: 'paid' })
    expect(events).toEqual([
      ['pending', { client_rrn: RRN, status: 'pending' }],
      ['success', { client_rrn: RRN, status: 'paid' }],
    ])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fetch.calls).toHaveLength(4)
  })

  it('stops polling after the time limit and says it is still processing', async () => {
    vi.useFakeTimers()
    const { controller, fetch } = setup(() => json(200, paymentAnswer('pending')))
    controller.showReturn(params)
    await vi.advanceTimersByTimeAsync(120_000)
    expect(controller.phase).toMatchObject({ name: 'result', status: 'pending', polling: false })
    const count = fetch.calls.length
    expect(count).toBeGreaterThan(10)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fetch.calls).toHaveLength(count)
  })

  it('rides out a failed poll while pending, and shows an error with Retry when the first check fails', async () => {
    vi.useFakeTimers()
    const answers: Answer[] = [
      json(200, paymentAnswer('pending')),
      new TypeError('offline'),
      json(200, paymentAnswer('paid')),
    ]
    const { controller } = setup((index) => answers[index] ?? json(200, paymentAnswer('paid')))
    controller.showReturn(params)
    await vi.advanceTimersByTimeAsync(3000)
    expect(controller.phase).toMatchObject({ name: 'result', status: 'paid' })

    const down = setup((index) =>
      index === 0 ? apiError(503, 'unavailable') : json(200, paymentAnswer('paid')),
    )
    down.controller.showReturn(params)
    await vi.advanceTimersByTimeAsync(0)
    expect(down.controller.phase).toMatchObject({ name: 'error', retry: true })
    down.controller.retry()
    await vi.advanceTimersByTimeAsync(0)
    expect(down.controller.phase).toMatchObject({ name: 'result', status: 'paid' })
  })

  it('offers a new attempt after a failed payment when there is an item', async () => {
    const { controller, fetch } = setup((index) =>
      index === 0 ? json(200, paymentAnswer('failed')) : json(201, checkoutAnswer()),
    )
    controller.showReturn(params)
    await vi.waitFor(() => expect(controller.phase).toMatchObject({ status: 'failed' }))
    controller.retry()
    await vi.waitFor(() => expect(controller.phase.name).toBe('summary'))
    expect(fetch.calls[1]?.url).toBe(`${ENDPOINT}/api/checkout`)
  })
})
