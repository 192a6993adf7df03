import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { storeFactories } from './testing/engines.ts'
import { createHarness, LIVE_SERVICE, MERCHANT_KEY } from './testing/harness.ts'

const [store] = storeFactories
if (!store) throw new Error('no store engine')

const DEMO_SECRET = 'sandbox-demo-secret-not-for-real-money'

const jsonValue = fc.jsonValue({ maxDepth: 2 })
const key = fc.oneof(
  fc.constantFrom(
    'amount',
    'price',
    'currency',
    'qepik',
    'hash',
    'service_id',
    'client_rrn',
    'item',
    'order_token',
    'return_url',
    'locale',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 12 }),
)

describe('properties', () => {
  it('no request body changes the signed amount: 4xx, or 201 with the catalog price', async () => {
    const h = await createHarness({ store })
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(key, jsonValue, { maxKeys: 5 }),
        fc.boolean(),
        async (extra, keepItem) => {
          const body = keepItem ? { ...extra, item: 'premium' } : extra
          const res = await h.checkout(body)
          if (res.status === 201) {
            const json = (await res.json()) as {
              client_rrn: string
              amount: string
              redirect: { fields: Record<string, string> }
            }
            expect(json.amount).toBe('5.23')
            expect(json.redirect.fields.amount).toBe('5.23')
            const expected = createHmac('sha256', DEMO_SECRET)
              .update(`100001${json.client_rrn}5.23`)
              .digest('hex')
            expect(json.redirect.fields.hash).toBe(expected)
            expect((await h.store.getOrder(json.client_rrn))?.qepik).toBe(523)
          } else {
            expect(res.status).toBeGreaterThanOrEqual(400)
            expect(res.status).toBeLessThan(500)
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  it('no garbage request gets a 500: method × path × body × content type', async () => {
    const h = await createHarness({ store, env: { RATE_LIMIT: 'off' } })
    const path = fc.oneof(
      fc.constantFrom(
        '/',
        '/healthz',
        '/api/checkout',
        '/api/callback',
        '/api/orders',
        '/api/items/premium',
        '/api/items/%00',
        `/api/payments/${'a'.repeat(24)}`,
        '/api/payments/%E0%A4%A',
        '/widget.js',
        '/widget/manifest.json',
        '/widget/0.1.0/widget.js',
        '/assets/portmanat.css',
        '/api/callback?psp_rrn=%ZZ&client_rrn=1',
        `/api/callback?psp_rrn=x&client_rrn=${'b'.repeat(24)}`,
        '/api/callback?constructor=1&__proto__=2&psp_rrn=x',
      ),
      fc.webPath().map((p) => `/api/${p}`),
      fc.webPath(),
    )
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD')
    const type = fc.constantFrom(
      undefined,
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=zz',
      'multipart/form-data',
      'application/xml',
    )
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.constant('psp_rrn=a&client_rrn=b'),
      fc.constant('--zz\r\nContent-Disposition: form-data; name="psp_rrn"\r\n\r\nx\r\n--zz--'),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => new TextDecoder().decode(bytes)),
    )
    const auth = fc.constantFrom(undefined, `Bearer ${MERCHANT_KEY}`, 'Bearer x', 'Basic Zm9v')
    await fc.assert(
      fc.asyncProperty(method, path, type, body, auth, async (m, p, t, b, a) => {
        const headers: Record<string, string> = {}
        if (t) headers['content-type'] = t
        if (a) headers.authorization = a
        const init: RequestInit = { method: m, headers }
        if (m !== 'GET' && m !== 'HEAD') init.body = b
        const res = await h.request(p, init)
        expect(res.status, `${m} ${p} [${t}] ${JSON.stringify(b)}`).toBeLessThan(500)
        await res.arrayBuffer()
      }),
      { numRuns: 400 },
    )
    expect(h.records().filter((r) => r.event === 'http.error')).toEqual([])
  })

  it('the secret never appears in a response body, a header or a log line', async () => {
    for (const live of [undefined, { test: false }]) {
      const h = await createHarness({ store, ...(live ? { live } : {}) })
      const secret = live ? LIVE_SERVICE.secret : DEMO_SECRET
      const seen: string[] = []
      const record = async (res: Response) => {
        seen.push([...res.headers].join('\n'), await res.clone().text())
        return res
      }
      const checkout = await record(await h.checkout({ item: 'premium' }))
      await record(await h.checkout({ item: 'premium', amount: '1' }))
      await record(await h.checkout('{bad json'))
      const order = (await checkout.json()) as {
        client_rrn: string
        redirect: { fields: Record<string, string> }
      }
      const psp_rrn = await h.startPayment(order.redirect.fields)
      const callback = await h.payWithCard(psp_rrn, '4242424242424242')
      await record(await h.request(callback))
      await record(await h.request(`/api/payments/${order.client_rrn}`))
      await record(await h.request('/'))
      await record(
        await h.request('/api/orders', { method: 'POST', headers: { authorization: 'Bearer nope' } }),
      )
      const everything = [...seen, ...h.lines].join('\n')
      expect(everything).not.toContain(secret)
      // No full hash in the logs either.
      expect(h.lines.join('\n')).not.toContain(order.redirect.fields.hash)
      expect(h.lines.join('\n')).not.toContain(MERCHANT_KEY)
    }
  })
})
