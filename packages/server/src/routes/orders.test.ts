import { CLIENT_RRN_PATTERN } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness, type Harness, MERCHANT, MERCHANT_KEY, PUBLIC_URL } from '../testing/harness.ts'

const createOrder = (h: Harness, body: unknown, key = MERCHANT_KEY) =>
  h.request('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  })

describe.each(storeFactories)('POST /api/orders on $name', (store) => {
  it('creates an order with the merchant’s amount and a random token the widget can pay with', async () => {
    const h = await createHarness({ store })
    const res = await createOrder(h, {
      amount: '12.5',
      title: 'Invoice 42',
      reference: 'INV-42',
      return_url: `${MERCHANT}/paid`,
    })
    expect(res.status).toBe(201)
    const created = (await res.json()) as {
      order_token: string
      client_rrn: string
      amount: string
      status: string
      pay_url: string
    }
    expect(created).toMatchObject({ amount: '12.50', title: 'Invoice 42', status: 'created' })
    expect(created.client_rrn).toMatch(CLIENT_RRN_PATTERN)
    expect(created.order_token).toMatch(/^[A-Za-z0-9_-]{32,}$/)
    // The hosted payment page of this order, to share as a link.
    expect(created.pay_url).toBe(`${PUBLIC_URL}/pay/o/${created.order_token}`)

    const checkout = await h.checkout({ order_token: created.order_token })
    expect(checkout.status).toBe(201)
    const signed = (await checkout.json()) as {
      client_rrn: string
      amount: string
      redirect: { fields: Record<string, string> }
    }
    expect(signed.client_rrn).toBe(created.client_rrn)
    expect(signed.redirect.fields.amount).toBe('12.50')
    const psp_rrn = await h.startPayment(signed.redirect.fields)
    const back = await h.request(await h.payWithCard(psp_rrn, '4242424242424242'))
    expect(back.headers.get('location')).toContain(`${MERCHANT}/paid?portmanat_status=paid`)
    expect(await h.store.getOrder(created.client_rrn)).toMatchObject({ status: 'paid', reference: 'INV-42' })
  })

  it('refuses a second checkout of an order that is no longer open', async () => {
    const h = await createHarness({ store })
    const created = (await (await createOrder(h, { amount: '1.00', title: 'x' })).json()) as {
      order_token: string
    }
    const first = (await (await h.checkout({ order_token: created.order_token })).json()) as {
      redirect: { fields: Record<string, string> }
    }
    const psp_rrn = await h.startPayment(first.redirect.fields)
    await h.request(await h.payWithCard(psp_rrn, '4242424242424242'))
    const again = await h.checkout({ order_token: created.order_token })
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ error: { code: 'order_closed' } })
  })

  it('404 unknown_order_token for a token nobody issued', async () => {
    const h = await createHarness({ store })
    const res = await h.checkout({ order_token: 'A'.repeat(32) })
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { code: 'unknown_order_token' } })
  })

  it.each([
    ['no Authorization', undefined],
    ['a wrong key', 'wrong-key-0123456789abcdef0123'],
  ])('401 with %s', async (_, key) => {
    const h = await createHarness({ store })
    const res = await h.request('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ amount: '1.00', title: 'x' }),
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toContain('Bearer')
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } })
  })

  it.each([
    [{ amount: 5, title: 'x' }, 'amount'],
    [{ amount: '5.234', title: 'x' }, 'amount'],
    [{ amount: '0', title: 'x' }, 'amount'],
    [{ amount: '1.00', title: '' }, 'title'],
    [{ amount: '1.00' }, 'title'],
    [{ amount: '1.00', title: 'x', extra: 1 }, 'extra'],
    [{ amount: '1.00', title: 'x', reference: 'bad\nref' }, 'reference'],
    // PostgreSQL refuses NUL in text: it must be a 400 here, never a 500 from the database.
    [{ amount: '1.00', title: 'nul\u0000byte' }, 'title'],
    [{ amount: '1.00', title: 'x', description: 'bell\u0007' }, 'description'],
  ])('400 for %j, naming %s', async (body, field) => {
    const h = await createHarness({ store })
    const res = await createOrder(h, body)
    expect(res.status).toBe(400)
    const json = (await res.json()) as { error: { fields?: Record<string, string[]> } }
    expect(Object.keys(json.error.fields ?? {})).toContain(field)
  })

  it('refuses a return_url on another origin', async () => {
    const h = await createHarness({ store })
    const res = await createOrder(h, { amount: '1.00', title: 'x', return_url: 'https://evil.example/' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'return_url_not_allowed' } })
  })

  it('is off (404) without MERCHANT_API_KEY', async () => {
    const h = await createHarness({ store, env: { MERCHANT_API_KEY: '' } })
    const res = await createOrder(h, { amount: '1.00', title: 'x' })
    expect(res.status).toBe(404)
  })
})
