import { describe, expect, it, vi } from 'vitest'
import { isItem, request, type WidgetError } from './api.ts'
import { isSummary } from './modal/answers.ts'
import { type Answer, apiError, checkoutAnswer, ENDPOINT, fakeFetch, json } from './testing/fake-server.ts'

const URL = `${ENDPOINT}/api/checkout`

async function failure(answer: Answer, notFound?: 'config'): Promise<WidgetError | undefined> {
  vi.stubGlobal(
    'fetch',
    fakeFetch(() => answer),
  )
  return (await request(URL, isSummary, {}, notFound)).error
}

describe('request', () => {
  it('sends no cookies and resolves to the checked body', async () => {
    const fetch = fakeFetch(() => json(201, checkoutAnswer()))
    vi.stubGlobal('fetch', fetch)
    const init = { method: 'POST', headers: { 'idempotency-key': 'key-1' }, body: '{"item":"premium"}' }
    expect(await request(URL, isSummary, init)).toEqual({ value: checkoutAnswer() })
    const [call] = fetch.calls
    expect(call).toMatchObject({ url: URL, method: 'POST', credentials: 'omit', body: { item: 'premium' } })
    expect(call?.headers.get('idempotency-key')).toBe('key-1')
  })

  it.each([
    [400, 'invalid_request', 'config'],
    [400, 'price_in_body', 'config'],
    [400, 'invalid_json', 'config'],
    [400, 'return_url_not_allowed', 'config'],
    [403, 'origin_not_allowed', 'origin'],
    [403, 'forbidden', 'config'],
    [404, 'unknown_item', 'not_found'],
    [409, 'idempotency_conflict', 'server'],
    [413, 'payload_too_large', 'config'],
    [415, 'unsupported_media_type', 'config'],
    [429, 'rate_limited', 'rate_limited'],
    [500, 'internal_error', 'server'],
    [503, 'unavailable', 'server'],
  ])('maps %i %s to %s', async (status, code, kind) => {
    expect(await failure(apiError(status, code))).toEqual({ kind, status, code, message: `${code} happened` })
  })

  it('maps a 404 by the route: a missing payment is a set-up problem', async () => {
    expect(await failure(apiError(404, 'not_found'), 'config')).toMatchObject({ kind: 'config', status: 404 })
  })

  it('reads Retry-After in seconds', async () => {
    expect(await failure(apiError(429, 'rate_limited', { 'retry-after': '7' }))).toMatchObject({
      kind: 'rate_limited',
      retryAfter: 7,
    })
  })

  it('maps an error without a JSON body by its status', async () => {
    expect(await failure(new Response('<h1>Bad gateway</h1>', { status: 502 }))).toEqual({
      kind: 'server',
      status: 502,
      message: 'HTTP 502',
    })
  })

  it('reports malformed JSON and answers of the wrong shape as a server error', async () => {
    expect(await failure(new Response('{"client_rrn', { status: 201 }))).toMatchObject({
      kind: 'server',
      status: 201,
    })
    expect(await failure(json(201, { ...checkoutAnswer(), amount: '5.2' }))).toMatchObject({ kind: 'server' })
  })

  it('maps a network failure', async () => {
    expect(await failure(new TypeError('Failed to fetch'))).toEqual({
      kind: 'network',
      message: 'TypeError: Failed to fetch',
    })
  })

  it('gives up after 15 s', async () => {
    vi.useFakeTimers()
    const fetch = fakeFetch(() => 'hang')
    vi.stubGlobal('fetch', fetch)
    const pending = request(URL, isSummary)
    await vi.advanceTimersByTimeAsync(14_999)
    expect(fetch.calls[0]?.signal?.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).error).toMatchObject({ kind: 'network' })
  })
})

describe('isItem', () => {
  it('wants a canonical amount', () => {
    expect(isItem({ id: 'premium', title: 'Premium', amount: '1234.50' })).toBe(true)
    expect(isItem({ amount: '1,234.50' })).toBe(false)
    expect(isItem(null)).toBe(false)
  })
})
