import { describe, expect, it } from 'vitest'
import type { Store } from './store/types.ts'
import { storeFactories } from './testing/engines.ts'
import { createHarness } from './testing/harness.ts'

const [store] = storeFactories
if (!store) throw new Error('no store engine')

describe('the app around the routes', () => {
  it('GET /healthz: 200 when the store answers, 503 when it does not', async () => {
    const h = await createHarness({ store })
    const ok = await h.request('/healthz')
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ status: 'ok', livemode: false })
    const live = await createHarness({ store, live: { test: false } })
    expect(await (await live.request('/healthz')).json()).toEqual({ status: 'ok', livemode: true })

    const down = await createHarness({
      store: {
        name: 'broken',
        open: async () => {
          const real = await store.open()
          return { ...real, ping: () => Promise.reject(new Error('database is locked')) } satisfies Store
        },
      },
    })
    const res = await down.request('/healthz')
    expect(res.status).toBe(503)
  })

  it('answers the favicon request with an empty 204 instead of a 404', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/favicon.ico')
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
  })

  it('sets security headers on every response, HSTS only over https', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/healthz')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBeTruthy()
    expect(res.headers.get('strict-transport-security')).toBeNull()
    expect(res.headers.get('x-request-id')).toBeTruthy()
    // Features of a page are declared on pages, not on API answers or scripts.
    expect(res.headers.get('permissions-policy')).toBeNull()
    const page = await h.request('/no-such-page')
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('permissions-policy')).toMatch(
      /camera=\(\), microphone=\(\), geolocation=\(\), payment=\(\)/,
    )
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('x-request-id')).toBeTruthy()
    const https = await createHarness({ store, env: { PUBLIC_URL: 'https://pay.example.az' } })
    expect((await https.request('/healthz')).headers.get('strict-transport-security')).toContain('max-age=')
  })

  it('serves the demo shop in sandbox mode under a strict CSP, no inline code', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/')
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("form-action 'self' http://127.0.0.1:8787")
    expect(csp).not.toContain('unsafe-inline')
    const html = await res.text()
    expect(html).toContain('<script src="/widget.js" async></script>')
    expect(html).toContain('<portmanat-checkout item="premium"></portmanat-checkout>')
    expect(html).toContain('&lt;portmanat-checkout item=&quot;premium&quot;&gt;&lt;/portmanat-checkout&gt;')
    expect(html).toContain('href="#test-cards"')
    expect(html).toContain('4242 4242 4242 4242')
    expect(html).not.toMatch(/<style|style=|<script>(?!<)/)
    const css = await h.request('/assets/portmanat.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('serves a plain page at / in live mode', async () => {
    const h = await createHarness({ store, live: { test: false } })
    const html = await (await h.request('/')).text()
    expect(html).toContain('is running')
    expect(html).not.toContain('portmanat-checkout item=')
  })

  it('answers unknown API paths with JSON 404 and other paths with a page', async () => {
    const h = await createHarness({ store })
    const api = await h.request('/api/nope')
    expect(api.status).toBe(404)
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: 'no such endpoint' } })
    const page = await h.request('/nope', { headers: { 'accept-language': 'en' } })
    expect(page.status).toBe(404)
    expect(await page.text()).toContain('Page not found')
  })

  it('mounts the sandbox at /sandbox', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/sandbox/check', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'psp_rrn=unknown',
    })
    expect(await res.json()).toMatchObject({ status: 'BAD', code: 20 })
  })

  it('turns a bug into a JSON 500 without details, and logs it', async () => {
    const h = await createHarness({
      store: {
        name: 'throwing',
        open: async () => {
          const real = await store.open()
          return { ...real, getOrder: () => Promise.reject(new TypeError('boom at line 3')) } satisfies Store
        },
      },
    })
    const res = await h.request(`/api/payments/${'a'.repeat(24)}`)
    expect(res.status).toBe(500)
    const body = await res.text()
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'internal_error' } })
    expect(body).not.toContain('boom')
    expect(h.records().some((r) => r.event === 'http.error')).toBe(true)
  })
})
