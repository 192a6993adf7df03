/**
 * The trust rules of a callback (issue 8): each test here reproduces a fault the server once had.
 * A `/check` answer moves an order only when it is about this order's own payment: its
 * client_rrn, its amount and our service.
 */
import { createHmac } from 'node:crypto'
import type { CheckResult } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import { runFollowUp } from '../payments/follow-up.ts'
import type { PspClient } from '../psp/client.ts'
import { storeFactories } from '../testing/engines.ts'
import {
  BUYER_IP,
  callbackPath,
  countingPsp,
  createHarness,
  type Harness,
  MERCHANT,
  TEST_CARDS,
} from '../testing/harness.ts'

const T0 = new Date('2030-01-01T10:00:00Z')
const later = (ms: number) => new Date(T0.getTime() + ms)

/** Another merchant of the same PSP, with a live (not test) service of its own. */
const OTHER_MERCHANT = {
  service_id: '300003',
  secret: 'other-merchant-secret-0123456789',
  title: 'Another shop',
  callback_url: 'https://other.example.az/portmanat/callback',
  test: false,
}

async function checkoutOf(h: Harness, item: string) {
  const res = await h.checkout({ item, return_url: `${MERCHANT}/thanks` })
  expect(res.status).toBe(201)
  return (await res.json()) as {
    client_rrn: string
    amount: string
    redirect: { fields: Record<string, string> }
  }
}

const statusParam = (res: Response) =>
  new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('portmanat_status')

/** A PSP client that is down (`unreadable`) until `up()` is called. */
function outage() {
  let down = true
  return {
    wrap: (inner: PspClient): PspClient => ({
      check: (rrn, options) =>
        down
          ? Promise.resolve<CheckResult>({ kind: 'unreadable', reason: 'HTTP 503' })
          : inner.check(rrn, options),
    }),
    up() {
      down = false
    },
  }
}

describe.each(storeFactories)('callback trust rules on $name', (store) => {
  it("a payment under another merchant's service, with our client_rrn and amount, is not ours", async () => {
    const h = await createHarness({ store, live: { test: false } })
    h.sandbox.control.addService(OTHER_MERCHANT)
    const order = await checkoutOf(h, 'premium')
    // The other merchant signs a form for *our* client_rrn and amount with *its* own key.
    const fields: Record<string, string> = { ...order.redirect.fields, service_id: OTHER_MERCHANT.service_id }
    fields.hash = createHmac('sha256', OTHER_MERCHANT.secret)
      .update(`${fields.service_id}${fields.client_rrn}${fields.amount}`)
      .digest('hex')
    const psp_rrn = await h.startPayment(fields)
    await h.payWithCard(psp_rrn, TEST_CARDS.paid)

    await h.request(callbackPath(psp_rrn, order.client_rrn))
    expect(await h.store.getOrder(order.client_rrn)).toMatchObject({ status: 'created', psp_rrn: null })
    expect(h.records().some((r) => r.event === 'order.transition')).toBe(false)
    expect(h.records().find((r) => r.event === 'security.foreign_payment')).toMatchObject({
      client_rrn: order.client_rrn,
    })
  })

  it("another payment's psp_rrn on an order that never reached the PSP changes nothing", async () => {
    const h = await createHarness({ store })
    const paid = await h.buy('cheap')
    await h.request(paid.callback)
    const victim = await checkoutOf(h, 'expensive')

    const res = await h.request(callbackPath(paid.psp_rrn, victim.client_rrn))
    expect(statusParam(res)).toBe('pending')
    expect(await h.store.getOrder(victim.client_rrn)).toMatchObject({ status: 'created', reason: null })
    expect(await h.store.events(victim.client_rrn)).toHaveLength(1)
    expect(h.records().find((r) => r.event === 'security.foreign_payment')).toMatchObject({
      level: 40,
      client_rrn: victim.client_rrn,
    })

    // The victim's own payment is still recorded.
    const psp_rrn = await h.startPayment(victim.redirect.fields)
    await h.request(await h.payWithCard(psp_rrn, TEST_CARDS.paid))
    expect(await h.store.getOrder(victim.client_rrn)).toMatchObject({ status: 'paid', psp_rrn })
  })

  it('during a /check outage a made-up reference sent first does not hide the real one', async () => {
    let now = T0
    const psp = outage()
    const h = await createHarness({ store, clock: () => now, psp: psp.wrap })
    const order = await checkoutOf(h, 'premium')
    const real = await h.startPayment(order.redirect.fields)
    const callback = await h.payWithCard(real, TEST_CARDS.paid)

    // Someone who saw the client_rrn gets there first with a made-up reference; then the buyer.
    await h.request(callbackPath('1495199725-5xfasd-6CVI3o-l]Bupz', order.client_rrn))
    await h.request(callback)
    expect((await h.store.getOrder(order.client_rrn))?.status).toBe('created')

    psp.up()
    now = later(11_000)
    await runFollowUp(h.services)
    expect(await h.store.getOrder(order.client_rrn)).toMatchObject({ status: 'paid', psp_rrn: real })
  })

  it('callbacks from one address ask /check at most RATE_LIMIT times a minute', async () => {
    const seen = { calls: 0 }
    const h = await createHarness({ store, psp: countingPsp(seen), env: { RATE_LIMIT: '5' } })
    const order = await checkoutOf(h, 'premium')
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.request(callbackPath(`made-up-${i}`, order.client_rrn))),
    )
    expect(seen.calls).toBeLessThanOrEqual(5)
    for (const res of answers) expect(res.status).toBeLessThan(500)
    expect((await h.store.getOrder(order.client_rrn))?.status).toBe('created')
    expect(BUYER_IP).toBeTruthy()
  })
})
