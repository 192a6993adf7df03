import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiError, checkoutAnswer, ENDPOINT, fakeFetch, json, RRN } from '../testing/fake-server.ts'
import { createClient } from './client.ts'
import type { WidgetError } from './errors.ts'

const body = { item: 'premium', return_url: 'https://shop.az/', locale: 'en' as const }

async function failure(answer: Response | Error): Promise<WidgetError | undefined> {
  const client = createClient({ endpoint: ENDPOINT, fetch: fakeFetch(() => answer), now: () => 0 })
  const result = await client.checkout(body, 'key-1')
  return result.ok ? undefined : result.error
}

afterEach(() => vi.useRealTimers())

describe('createClient().checkout', () => {
  it('posts JSON with the idempotency key, without cookies', async () => {
    const fetch = fakeFetch(() => json(201, checkoutAnswer()))
    const result = await createClient({ endpoint: ENDPOINT, fetch }).checkout(body, 'key-1')
    expect(result).toEqual({ ok: true, value: checkoutAnswer() })
    const [call] = fetch.calls
    expect(call?.url).toBe(`${ENDPOINT}/api/checkout`)
    expect(call?.method).toBe('POST')
    expect(call?.headers.get('idempotency-key')).toBe('key-1')
    expect(call?.headers.get('content-type')).toBe('application/json')
    expect(call?.credentials).toBe('omit')
    expect(call?.body).toEqual(body)
  })

  it.each([
    [400, 'invalid_request', 'config'],
    [400, 'price_in_body', 'config'],
    [400, 'invalid_json', 'config'],
    [400, 'return_url_not_allowed', 'return_url'],
    [404, 'unknown_item', 'not_found'],
    [409, 'idempotency_conflict', 'conflict'],
    [413, 'payload_too_large', 'config'],
    [415, 'unsupported_media_type', 'config'],
    [429, 'rate_limited', 'rate_limited'],
    [500, 'internal_error', 'server'],
    [503, 'unavailable', 'server'],
  ])('maps %i %s to %s', async (status, code, kind) => {
    expect(await failure(apiError(status, code))).toEqual({ kind, status, code, message: `${code} happened` })
  })

  it('reads Retry-After in seconds and as an HTTP date', async () => {
    expect(await failure(apiError(429, 'rate_limited', { 'retry-after': '7' }))).toMatchObject({
      retryAfter: 7,
    })
    const date = new Date(30_000).toUTCString()
    expect(await failure(apiError(429, 'rate_limited', { 'retry-after': date }))).toMatchObject({
      retryAfter: 30,
    })
  })

  it('maps an error without a JSON body by its status', async () => {
    expect(await failure(new Response('<h1>Bad gateway</h1>', { status: 502 }))).toEqual({
      kind: 'server',
      status: 502,
      message: 'HTTP 502',
    })
  })

  it('maps a network failure', async () => {
    expect(await failure(new TypeError('Failed to fetch'))).toEqual({
      kind: 'network',
      message: 'Failed to fetch',
    })
  })

  it('gives up after the timeout', async () => {
    vi.useFakeTimers()
    const client = createClient({ endpoint: ENDPOINT, fetch: fakeFetch(() => 'hang'), timeoutMs: 15_000 })
    const pending = client.checkout(body, 'key-1')
    await vi.advanceTimersByTimeAsync(15_000)
    expect(await pending).toEqual({
      ok: false,
      error: { kind: 'timeout', message: 'no answer within 15000 ms' },
    })
  })

  it('reports malformed JSON and answers of the wrong shape', async () => {
    expect(await failure(new Response('{"client_rrn":', { status: 201 }))).toMatchObject({
      kind: 'malformed',
    })
    expect(await failure(json(201, { ...checkoutAnswer(), amount: 5.23 }))).toMatchObject({
      kind: 'malformed',
    })
  })

  it('stops when the caller aborts', async () => {
    const controller = new AbortController()
    const client = createClient({ endpoint: ENDPOINT, fetch: fakeFetch(() => 'hang') })
    const pending = client.checkout(body, 'key-1', controller.signal)
    controller.abort()
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'network' } })
  })
})

describe('createClient().item and .payment', () => {
  it('fetches an item by its encoded id', async () => {
    const fetch = fakeFetch(() => json(200, { id: 'a/b', title: 'T', amount: '1.00' }))
    const result = await createClient({ endpoint: ENDPOINT, fetch }).item('a/b')
    expect(result).toEqual({ ok: true, value: { id: 'a/b', title: 'T', amount: '1.00' } })
    expect(fetch.calls[0]?.url).toBe(`${ENDPOINT}/api/items/a%2Fb`)
  })

  it('maps 404 of a payment to unknown_payment', async () => {
    const fetch = fakeFetch(() => apiError(404, 'not_found'))
    const result = await createClient({ endpoint: ENDPOINT, fetch }).payment(RRN)
    expect(result).toMatchObject({ ok: false, error: { kind: 'unknown_payment', status: 404 } })
    expect(fetch.calls[0]?.url).toBe(`${ENDPOINT}/api/payments/${RRN}`)
  })
})
