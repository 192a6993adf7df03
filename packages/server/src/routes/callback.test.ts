import { createHmac } from 'node:crypto'
import type { CheckResult } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import type { PspClient } from '../psp/client.ts'
import { storeFactories } from '../testing/engines.ts'
import {
  callbackPath,
  countingPsp,
  createHarness,
  type Harness,
  MERCHANT,
  TEST_CARDS,
} from '../testing/harness.ts'

const DEMO_SECRET = 'sandbox-demo-secret-not-for-real-money'

async function checkoutOf(h: Harness, item: string, extra: Record<string, unknown> = {}) {
  const res = await h.checkout({ item, return_url: `${MERCHANT}/thanks?ref=7#done`, ...extra })
  expect(res.status).toBe(201)
  return (await res.json()) as { client_rrn: string; redirect: { fields: Record<string, string> } }
}

const statusOf = async (h: Harness, clientRrn: string) => (await h.store.getOrder(clientRrn))?.status

/** A PSP client that answers one fixed result and counts calls. */
function fixedPsp(result: CheckResult): { psp: PspClient; calls: () => number } {
  let calls = 0
  return {
    psp: {
      check: async () => {
        calls += 1
        return result
      },
    },
    calls: () => calls,
  }
}

describe.each(storeFactories)('GET|POST /api/callback on $name', (store) => {
  it('marks a verified payment paid and sends the buyer back with status and client_rrn', async () => {
    const h = await createHarness({ store })
    const { client_rrn, psp_rrn, callback } = await h.buy('premium')
    const res = await h.request(callback)
    expect(res.status).toBe(303)
    const location = new URL(res.headers.get('location') ?? '')
    expect(location.origin + location.pathname).toBe(`${MERCHANT}/thanks`)
    expect(location.searchParams.get('ref')).toBe('7')
    expect(location.searchParams.get('portmanat_status')).toBe('paid')
    expect(location.searchParams.get('client_rrn')).toBe(client_rrn)
    expect(location.hash).toBe('#done')
    const order = await h.store.getOrder(client_rrn)
    expect(order).toMatchObject({ status: 'paid', psp_rrn })
    expect(order?.bank_rrn).toBeTruthy()
    const transition = h.records().find((r) => r.event === 'order.transition')
    expect(transition).toMatchObject({ client_rrn, from: 'created', to: 'paid' })
  })

  it('accepts the parameters as a POSTed form too', async () => {
    const h = await createHarness({ store })
    const { client_rrn, psp_rrn } = await h.buy('premium')
    const res = await h.request('/api/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ psp_rrn, client_rrn }).toString(),
    })
    expect(res.status).toBe(303)
    expect(await statusOf(h, client_rrn)).toBe('paid')
  })

  it('refuses a callback form over 8 KB, declared or streamed, without touching the order', async () => {
    const h = await createHarness({ store })
    const { client_rrn, psp_rrn } = await h.buy('premium')
    const body = `${new URLSearchParams({ psp_rrn, client_rrn })}&pad=${'x'.repeat(9000)}`
    const declared = await h.request('/api/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) },
      body,
    })
    expect(declared.status).toBe(413)
    const streamed = await h.request('/api/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(await statusOf(h, client_rrn)).toBe('created')
  })

  it('tamper: the psp_rrn of a cheaper paid order does not pay an expensive one', async () => {
    const h = await createHarness({ store })
    const cheap = await h.buy('cheap')
    await h.request(cheap.callback)
    expect(await statusOf(h, cheap.client_rrn)).toBe('paid')

    const expensive = await checkoutOf(h, 'expensive')
    await h.startPayment(expensive.redirect.fields)
    const res = await h.request(callbackPath(cheap.psp_rrn, expensive.client_rrn))
    expect(res.status).toBe(303)
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('portmanat_status')).toBe('pending')
    expect(await h.store.getOrder(expensive.client_rrn)).toMatchObject({ status: 'created', reason: null })
    expect(await statusOf(h, cheap.client_rrn)).toBe('paid')
    const alarm = h.records().find((r) => r.event === 'security.foreign_payment')
    expect(alarm).toMatchObject({ level: 40, client_rrn: expensive.client_rrn, outcome: 'foreign_payment' })
    expect((await h.store.attempts(expensive.client_rrn))[0]).toMatchObject({
      psp_rrn: cheap.psp_rrn,
      state: 'ignored',
      outcome: 'foreign_payment',
    })
  })

  it("tamper: another payment's psp_rrn on a pending order changes nothing, and its real payment still counts", async () => {
    const h = await createHarness({ store })
    const cheap = await h.buy('cheap')
    await h.request(cheap.callback)
    const victim = await h.buy('expensive', TEST_CARDS.pending)
    await h.request(victim.callback)
    expect(await statusOf(h, victim.client_rrn)).toBe('pending')

    // Someone who saw the victim's client_rrn (it is in the return URL) tries to fail the order.
    const res = await h.request(callbackPath(cheap.psp_rrn, victim.client_rrn))
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('portmanat_status')).toBe('pending')
    expect(await h.store.getOrder(victim.client_rrn)).toMatchObject({
      status: 'pending',
      psp_rrn: victim.psp_rrn,
    })
    expect(h.records().find((r) => r.event === 'security.foreign_payment')).toMatchObject({ level: 40 })

    // The bank settles the victim's real payment: it is recorded.
    h.sandbox.control.settle({ psp_rrn: victim.psp_rrn }, 'paid')
    await h.request(victim.callback)
    expect(await statusOf(h, victim.client_rrn)).toBe('paid')
  })

  it('tamper: a payment of another amount for the same client_rrn is a mismatch', async () => {
    const h = await createHarness({ store })
    const order = await checkoutOf(h, 'premium')
    // A form signed for 1.00 with the order's client_rrn (as if the secret had leaked).
    const forged: Record<string, string> = { ...order.redirect.fields, amount: '1.00' }
    forged.hash = createHmac('sha256', DEMO_SECRET).update(`100001${forged.client_rrn}1.00`).digest('hex')
    const psp_rrn = await h.startPayment(forged)
    const callback = await h.payWithCard(psp_rrn, TEST_CARDS.paid)
    await h.request(callback)
    // Held for the operator: failed, its own psp_rrn not replaced, an error in the log, an event out.
    expect(await h.store.getOrder(order.client_rrn)).toMatchObject({
      status: 'failed',
      reason: 'mismatch',
      psp_rrn: null,
    })
    expect(h.records().find((r) => r.event === 'security.amount_mismatch')).toMatchObject({
      level: 50,
      client_rrn: order.client_rrn,
      psp_rrn,
    })
  })

  it('code -1 (declined card) → failed, reason declined', async () => {
    const h = await createHarness({ store })
    const { client_rrn, callback } = await h.buy('premium', TEST_CARDS.declined)
    const res = await h.request(callback)
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('portmanat_status')).toBe('failed')
    expect(await h.store.getOrder(client_rrn)).toMatchObject({ status: 'failed', reason: 'declined' })
  })

  it('code 1 (pending card) → pending with a follow-up scheduled', async () => {
    const h = await createHarness({ store })
    const { client_rrn, callback } = await h.buy('premium', TEST_CARDS.pending)
    const res = await h.request(callback)
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('portmanat_status')).toBe('pending')
    const order = await h.store.getOrder(client_rrn)
    expect(order?.status).toBe('pending')
    expect((await h.store.attempts(client_rrn))[0]?.next_check_at).toBeTruthy()
  })

  it('BAD 20 (psp_rrn unknown to the PSP): order unchanged, the reference never asked about again', async () => {
    const seen = { calls: 0 }
    const h = await createHarness({ store, psp: countingPsp(seen) })
    const order = await checkoutOf(h, 'premium')
    const res = await h.request(callbackPath('1495199725-5xfasd-6CVI3o-l]Bupz', order.client_rrn))
    expect(res.status).toBe(303)
    // The order is still open: the buyer may yet pay it; the widget asks the server what it is.
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('portmanat_status')).toBe('pending')
    expect(await statusOf(h, order.client_rrn)).toBe('created')
    expect((await h.store.attempts(order.client_rrn))[0]).toMatchObject({
      state: 'ignored',
      outcome: 'rejected',
    })
    await h.request(callbackPath('1495199725-5xfasd-6CVI3o-l]Bupz', order.client_rrn))
    expect(seen.calls).toBe(1)
    expect(h.records().some((r) => r.event === 'security.bad_hint')).toBe(true)
  })

  it('BAD 10 (validation error at the PSP): order unchanged', async () => {
    const fixed = fixedPsp({
      kind: 'rejected',
      code: 10,
      description: 'Validation error',
      errors: { psp_rrn: ['bad'] },
    })
    const h = await createHarness({ store, psp: () => fixed.psp })
    const order = await checkoutOf(h, 'premium')
    await h.request(callbackPath('whatever', order.client_rrn))
    expect(await statusOf(h, order.client_rrn)).toBe('created')
  })

  it.each([
    ['a timeout', { hang: true }],
    ['HTTP 500', { status: 500 as const }],
    ['malformed JSON', { malformed: true }],
  ])('/check %s leaves the order unchanged and tells the buyer the result will follow', async (_, faults) => {
    const h = await createHarness({ store, pspTimeoutMs: 50 })
    const { client_rrn, psp_rrn, callback } = await h.buy('premium')
    h.sandbox.control.setFaults(faults)
    const res = await h.request(callback)
    h.sandbox.control.clearFaults()
    expect(res.status).toBe(303)
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('portmanat_status')).toBe('pending')
    expect((await h.store.getOrder(client_rrn))?.status).toBe('created')
    // The reference is kept so that the follow-up job can ask about it.
    expect((await h.store.attempts(client_rrn))[0]).toMatchObject({
      psp_rrn,
      state: 'open',
      outcome: 'unreadable',
    })
  })

  it('live mode: a test-mode payment is not a payment', async () => {
    const h = await createHarness({ store, live: { test: true } })
    const { client_rrn, callback } = await h.buy('premium')
    await h.request(callback)
    expect(await h.store.getOrder(client_rrn)).toMatchObject({ status: 'failed', reason: 'test_mode' })
  })

  it('live mode: a real payment is paid', async () => {
    const h = await createHarness({ store, live: { test: false } })
    const { client_rrn, callback } = await h.buy('premium')
    await h.request(callback)
    expect(await statusOf(h, client_rrn)).toBe('paid')
  })

  it('sandbox mode accepts test-mode payments', async () => {
    const h = await createHarness({ store })
    const { client_rrn, callback } = await h.buy('premium')
    await h.request(callback)
    expect(await statusOf(h, client_rrn)).toBe('paid')
  })

  it('concurrent callbacks for one order make exactly one transition', async () => {
    const h = await createHarness({ store })
    const { client_rrn, callback } = await h.buy('premium')
    const answers = await Promise.all(Array.from({ length: 10 }, () => h.request(callback)))
    for (const res of answers) {
      expect(res.status).toBe(303)
      expect(new URL(res.headers.get('location') ?? '').searchParams.get('portmanat_status')).toBe('paid')
    }
    const events = await h.store.events(client_rrn)
    expect(events.filter((e) => e.to_status === 'paid')).toHaveLength(1)
  })

  it('a paid order stays paid: a later callback redirects without asking the PSP', async () => {
    const seen = { calls: 0 }
    const h = await createHarness({ store, psp: countingPsp(seen) })
    const { client_rrn, callback } = await h.buy('premium')
    await h.request(callback)
    expect(seen.calls).toBe(1)
    const again = await h.request(callbackPath('something-else', client_rrn))
    expect(new URL(again.headers.get('location') ?? '').searchParams.get('portmanat_status')).toBe('paid')
    expect(seen.calls).toBe(1)
    expect(await statusOf(h, client_rrn)).toBe('paid')
  })

  it('shows its own result page, in the order locale, when the order has no return URL', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item: 'premium', locale: 'ru' }),
    })
    const order = (await res.json()) as { client_rrn: string; redirect: { fields: Record<string, string> } }
    const psp_rrn = await h.startPayment(order.redirect.fields)
    const page = await h.request(await h.payWithCard(psp_rrn, TEST_CARDS.paid))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    const html = await page.text()
    expect(html).toContain('Оплата получена')
    expect(html).toContain(order.client_rrn)
    expect(html).not.toMatch(/<script|style=/)
  })

  it('picks the page language from Accept-Language when the order has none', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item: 'premium' }),
    })
    const order = (await res.json()) as { client_rrn: string; redirect: { fields: Record<string, string> } }
    const psp_rrn = await h.startPayment(order.redirect.fields)
    const page = await h.request(await h.payWithCard(psp_rrn, TEST_CARDS.declined), {
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    })
    expect(await page.text()).toContain('Payment failed')
  })

  it.each([
    ['nothing', '/api/callback'],
    ['no client_rrn', '/api/callback?psp_rrn=abc'],
    ['a malformed client_rrn', '/api/callback?psp_rrn=abc&client_rrn=NOT-VALID'],
    ['a psp_rrn with spaces', `/api/callback?psp_rrn=a%20b&client_rrn=${'a'.repeat(24)}`],
  ])('answers %s with a readable 400 page', async (_, path) => {
    const h = await createHarness({ store })
    const res = await h.request(path, { headers: { 'accept-language': 'en' } })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Invalid link')
  })

  it('answers an unknown order with a 404 page and changes nothing', async () => {
    const h = await createHarness({ store })
    const res = await h.request(callbackPath('abc', 'z'.repeat(24)), { headers: { 'accept-language': 'az' } })
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Sifariş tapılmadı')
  })

  it('answers other methods with 405', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/api/callback', { method: 'DELETE' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toMatch(/GET/)
  })
})
