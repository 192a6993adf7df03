import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness, MERCHANT } from '../testing/harness.ts'

const [store] = storeFactories
if (!store) throw new Error('no store engine')

describe('rate limit on POST /api/checkout', () => {
  it('answers 429 rate_limited with Retry-After past RATE_LIMIT per minute per IP', async () => {
    const h = await createHarness({ store, env: { RATE_LIMIT: '3' } })
    const statuses: number[] = []
    let last: Response | undefined
    for (let i = 0; i < 4; i++) {
      last = await h.checkout({ item: 'premium' })
      statuses.push(last.status)
    }
    expect(statuses).toEqual([201, 201, 201, 429])
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await last?.json()).toMatchObject({ error: { code: 'rate_limited' } })
  })

  it('counts per client IP', async () => {
    let ip = '198.51.100.1'
    const h = await createHarness({ store, env: { RATE_LIMIT: '1', TRUST_PROXY: '1' } })
    expect((await h.checkout({ item: 'premium' }, { 'x-forwarded-for': ip })).status).toBe(201)
    expect((await h.checkout({ item: 'premium' }, { 'x-forwarded-for': ip })).status).toBe(429)
    ip = '198.51.100.2'
    expect((await h.checkout({ item: 'premium' }, { 'x-forwarded-for': ip })).status).toBe(201)
  })
})

describe('CORS on the API', () => {
  it('allows a listed origin, with Vary: Origin', async () => {
    const h = await createHarness({ store })
    const res = await h.checkout({ item: 'premium' })
    expect(res.headers.get('access-control-allow-origin')).toBe(MERCHANT)
    expect(res.headers.get('vary')).toMatch(/Origin/)
  })

  it('answers a preflight from a listed origin allowing Content-Type and Idempotency-Key', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/api/checkout', {
      method: 'OPTIONS',
      headers: {
        origin: MERCHANT,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, idempotency-key',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(MERCHANT)
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
    expect(res.headers.get('vary')).toMatch(/Origin/)
  })

  it('lets another origin send its checkout and read the refusal, and nothing else', async () => {
    const h = await createHarness({ store })
    const preflight = await h.request('/api/checkout', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://evil.example')
    const refused = await h.checkout({ item: 'premium' }, { origin: 'https://evil.example' })
    expect(refused.status).toBe(403)
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://evil.example')
    // Other routes still tell such an origin nothing.
    const get = await h.request(`/api/payments/${'a'.repeat(24)}`, {
      headers: { origin: 'https://evil.example' },
    })
    expect([...get.headers.keys()].filter((k) => k.startsWith('access-control-allow'))).toEqual([])
    expect(get.headers.get('vary')).toMatch(/Origin/)
  })

  it('allows the server its own origin (the demo page)', async () => {
    const h = await createHarness({ store })
    const res = await h.checkout({ item: 'premium' }, { origin: 'http://127.0.0.1:8787' })
    expect(res.status).toBe(201)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8787')
  })

  it('serves items to anyone (public and read-only)', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/api/items/premium', { headers: { origin: 'https://anyone.example' } })
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
  })
})
