import { createHmac } from 'node:crypto'
import { CLIENT_RRN_PATTERN } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { BUYER_IP, createHarness, MERCHANT } from '../testing/harness.ts'

interface Created {
  client_rrn: string
  amount: string
  title: string
  description?: string
  redirect: { url: string; method: string; fields: Record<string, string> }
}

describe.each(storeFactories)('POST /api/checkout on $name', (store) => {
  it('prices from the catalog, stores the order as created and signs the canonical amount', async () => {
    const h = await createHarness({ store })
    const res = await h.checkout({ item: 'premium', return_url: `${MERCHANT}/done?x=1#top`, locale: 'ru' })
    expect(res.status).toBe(201)
    const body = (await res.json()) as Created
    expect(body.client_rrn).toMatch(CLIENT_RRN_PATTERN)
    expect(body).toMatchObject({ amount: '5.23', title: 'Premium plan', description: 'One month' })
    // The order's language rides along for the PSP's pages, outside the signed fields.
    expect(body.redirect).toMatchObject({
      url: 'http://127.0.0.1:8787/sandbox/process?lang=ru',
      method: 'POST',
    })
    const { fields } = body.redirect
    expect(Object.keys(fields).sort()).toEqual(['amount', 'client_ip', 'client_rrn', 'hash', 'service_id'])
    expect(fields).toMatchObject({
      service_id: '100001',
      client_rrn: body.client_rrn,
      amount: '5.23',
      client_ip: BUYER_IP,
    })
    // Computed here independently of the server's code.
    const expected = createHmac('sha256', 'sandbox-demo-secret-not-for-real-money')
      .update(`100001${body.client_rrn}5.23`)
      .digest('hex')
    expect(fields.hash).toBe(expected)

    const order = await h.store.getOrder(body.client_rrn)
    expect(order).toMatchObject({
      status: 'created',
      qepik: 523,
      item_id: 'premium',
      locale: 'ru',
      client_ip: BUYER_IP,
    })
    expect(order?.return_url).toBe(`${MERCHANT}/done?x=1#top`)
  })

  it('signs an amount with trailing zeros as written twice: 2499.00', async () => {
    const h = await createHarness({ store })
    const body = (await (await h.checkout({ item: 'expensive' })).json()) as Created
    expect(body.amount).toBe('2499.00')
    expect(body.redirect.fields.amount).toBe('2499.00')
  })

  it('answers 201 and is accepted by the PSP (the sandbox checks the hash)', async () => {
    const h = await createHarness({ store })
    const body = (await (await h.checkout({ item: 'premium' })).json()) as Created
    expect(await h.startPayment(body.redirect.fields)).toBeTruthy()
  })

  it('falls back to an allowed Referer, else the allowed Origin, else no return URL', async () => {
    const h = await createHarness({ store })
    const withReferer = (await (
      await h.checkout({ item: 'premium' }, { referer: `${MERCHANT}/shop?p=1` })
    ).json()) as Created
    expect((await h.store.getOrder(withReferer.client_rrn))?.return_url).toBe(`${MERCHANT}/shop?p=1`)
    const withOrigin = (await (
      await h.checkout({ item: 'premium' }, { referer: 'https://evil.example/x' })
    ).json()) as Created
    expect((await h.store.getOrder(withOrigin.client_rrn))?.return_url).toBe(`${MERCHANT}/`)
    const bare = await h.request('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item: 'premium' }),
    })
    const none = (await bare.json()) as Created
    expect((await h.store.getOrder(none.client_rrn))?.return_url).toBeNull()
  })

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
  ])('refuses %s with 415', async (_, type) => {
    const h = await createHarness({ store })
    const res = await h.request('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': type },
      body: '{"item":"premium"}',
    })
    expect(res.status).toBe(415)
    expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } })
  })

  it('refuses a body without a content type with 415', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/api/checkout', { method: 'POST', body: new Blob(['{"item":"premium"}']) })
    expect(res.status).toBe(415)
  })

  it('refuses malformed JSON with 400 invalid_json', async () => {
    const h = await createHarness({ store })
    const res = await h.checkout('{"item":')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_json' } })
  })

  it('refuses a body over 4 KB with 413', async () => {
    const h = await createHarness({ store })
    const res = await h.checkout({ item: 'premium', pad: 'x'.repeat(5000) })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } })
  })

  it.each(['amount', 'price', 'currency'])(
    'refuses a body with %s: the browser never chooses a price',
    async (field) => {
      const h = await createHarness({ store })
      const res = await h.checkout({ item: 'premium', [field]: '0.01' })
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: { code: 'price_in_body' } })
    },
  )

  it.each([
    ['no item', {}, 'item'],
    ['item not a string', { item: 5 }, 'item'],
    ['item with capitals', { item: 'Premium' }, 'item'],
    ['an unknown field', { item: 'premium', colour: 'red' }, 'colour'],
    ['locale not supported', { item: 'premium', locale: 'de' }, 'locale'],
    ['return_url not a URL', { item: 'premium', return_url: 'javascript:alert(1)' }, 'return_url'],
    ['return_url not a string', { item: 'premium', return_url: 1 }, 'return_url'],
    ['order_token malformed', { order_token: 'short' }, 'order_token'],
    ['item and order_token', { item: 'premium', order_token: 'a'.repeat(32) }, 'item'],
  ])('400 for %s, naming the field', async (_, body, field) => {
    const h = await createHarness({ store })
    const res = await h.checkout(body)
    expect(res.status).toBe(400)
    const json = (await res.json()) as { error: { code: string; fields?: Record<string, string[]> } }
    expect(json.error.code).toBe('invalid_request')
    expect(Object.keys(json.error.fields ?? {})).toContain(field)
  })

  it.each([[[]], ['"premium"'], [null]])('400 for a body that is not an object: %j', async (body) => {
    const h = await createHarness({ store })
    const res = await h.checkout(JSON.stringify(body))
    expect(res.status).toBe(400)
  })

  it('refuses a return_url on another origin', async () => {
    const h = await createHarness({ store })
    const res = await h.checkout({ item: 'premium', return_url: 'https://evil.example/steal' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'return_url_not_allowed' } })
  })

  it('404 for an item not in the catalog', async () => {
    const h = await createHarness({ store })
    const res = await h.checkout({ item: 'nope' })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'unknown_item' } })
  })

  it('403 for a request from an origin not allowed, naming ALLOWED_ORIGINS', async () => {
    const h = await createHarness({ store })
    const res = await h.checkout({ item: 'premium' }, { origin: 'https://evil.example' })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({
      error: { code: 'origin_not_allowed', message: expect.stringContaining('ALLOWED_ORIGINS') },
    })
  })

  it('405 with Allow for other methods', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/api/checkout', { method: 'GET' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toContain('POST')
    expect(await res.json()).toMatchObject({ error: { code: 'method_not_allowed' } })
  })

  it('takes the client IP from X-Forwarded-For only with TRUST_PROXY', async () => {
    const plain = await createHarness({ store })
    const spoofed = (await (
      await plain.checkout({ item: 'premium' }, { 'x-forwarded-for': '6.6.6.6' })
    ).json()) as Created
    expect(spoofed.redirect.fields.client_ip).toBe(BUYER_IP)
    const proxied = await createHarness({ store, env: { TRUST_PROXY: '1' }, remoteAddress: '127.0.0.1' })
    const body = (await (
      await proxied.checkout({ item: 'premium' }, { 'x-forwarded-for': '6.6.6.6, 198.51.100.4' })
    ).json()) as Created
    expect(body.redirect.fields.client_ip).toBe('198.51.100.4')
  })
})
