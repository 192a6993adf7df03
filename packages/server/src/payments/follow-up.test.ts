import { describe, expect, it } from 'vitest'
import { runFollowUp, startFollowUp } from './follow-up.ts'
import { Secret } from './secret.ts'
import { captureLogger } from './testing/capture-logger.ts'
import { storeFactories } from './testing/engines.ts'
import { callbackPath, createHarness, TEST_CARDS } from './testing/harness.ts'
import { FOLLOW_UP_DELAYS_S, FOLLOW_UP_MAX_ATTEMPTS, nextCheckAt } from './verify.ts'
import { createWebhooks, type WebhookEvent } from './webhooks.ts'

const T0 = new Date('2030-01-01T10:00:00Z')
const later = (ms: number) => new Date(T0.getTime() + ms)

describe.each(storeFactories)('follow-up on $name', (store) => {
  it('asks /check again for a due pending order and marks it paid once the bank settles', async () => {
    let now = T0
    const h = await createHarness({ store, clock: () => now })
    const { client_rrn, psp_rrn, callback } = await h.buy('premium', TEST_CARDS.pending)
    await h.request(callback)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('pending')

    // Not due yet: nothing is asked.
    expect((await runFollowUp(h.services)).checked).toBe(0)
    now = later(11_000)
    const first = await runFollowUp(h.services)
    expect(first.checked).toBe(1)
    const still = await h.store.getOrder(client_rrn)
    expect(still).toMatchObject({ status: 'pending', check_attempts: 1 })
    expect(still?.next_check_at).toBe(later(11_000 + 30_000).toISOString())

    h.sandbox.control.settle({ psp_rrn }, 'paid')
    now = later(60_000)
    await runFollowUp(h.services)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('paid')
  })

  it('picks up a created order whose callback found /check unreachable', async () => {
    let now = T0
    const h = await createHarness({ store, clock: () => now, pspTimeoutMs: 50 })
    const { client_rrn, callback } = await h.buy('premium')
    h.sandbox.control.setFaults({ status: 503 })
    await h.request(callback)
    h.sandbox.control.clearFaults()
    expect((await h.store.getOrder(client_rrn))?.status).toBe('created')
    now = later(11_000)
    await runFollowUp(h.services)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('paid')
  })

  it('expires created orders older than a day; a late verified payment still wins', async () => {
    let now = T0
    const h = await createHarness({ store, clock: () => now })
    const unpaid = await h.checkout({ item: 'premium' })
    const { client_rrn } = (await unpaid.json()) as { client_rrn: string }
    const late = await h.buy('premium')
    now = later(25 * 60 * 60 * 1000)
    const report = await runFollowUp(h.services)
    expect(report.expired).toBe(2)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('expired')
    expect((await h.store.getOrder(late.client_rrn))?.status).toBe('expired')
    await h.request(late.callback)
    expect((await h.store.getOrder(late.client_rrn))?.status).toBe('paid')
  })

  it('tells the merchant backend about each expired order', async () => {
    let now = T0
    const changed: string[] = []
    const h = await createHarness({
      store,
      clock: () => now,
      webhooks: {
        orderChanged: (order) => changed.push(`${order.client_rrn}:${order.status}`),
        idle: async () => {},
        stop: () => {},
      },
    })
    const unpaid = await h.checkout({ item: 'premium' })
    const { client_rrn } = (await unpaid.json()) as { client_rrn: string }
    now = later(25 * 60 * 60 * 1000)
    await runFollowUp(h.services)
    expect(changed).toEqual([`${client_rrn}:expired`])
  })

  it('a pending order whose reference the PSP no longer knows ends failed, reason unknown_rrn', async () => {
    let now = T0
    const h = await createHarness({ store, clock: () => now })
    const { client_rrn, callback } = await h.buy('premium', TEST_CARDS.pending)
    await h.request(callback)
    h.sandbox.control.reset()
    now = later(11_000)
    await runFollowUp(h.services)
    expect(await h.store.getOrder(client_rrn)).toMatchObject({ status: 'failed', reason: 'unknown_rrn' })
  })

  it('keeps asking about a pending order once a day after the backoff schedule, then stops', async () => {
    expect(nextCheckAt(T0, FOLLOW_UP_DELAYS_S.length)).toBe(later(24 * 3600 * 1000).toISOString())
    expect(nextCheckAt(T0, FOLLOW_UP_MAX_ATTEMPTS - 1)).not.toBeNull()
    expect(nextCheckAt(T0, FOLLOW_UP_MAX_ATTEMPTS)).toBeNull()
  })

  it('runs on a timer and stops cleanly', async () => {
    const h = await createHarness({ store })
    const job = startFollowUp(h.services, { intervalMs: 5 })
    await new Promise((done) => setTimeout(done, 30))
    await job.stop()
  })

  it('sends signed webhooks on transitions; a failing webhook never changes the order', async () => {
    const events: WebhookEvent[] = []
    const webhooks = createWebhooks({
      url: 'https://shop.example.az/hooks',
      secret: new Secret('whsec-0123456789abcdef'),
      logger: captureLogger().logger,
      retryDelaysMs: [1],
      fetch: async (_url, init) => {
        events.push(JSON.parse(String(init.body)) as WebhookEvent)
        // The first delivery fails; its retry succeeds.
        if (events.length === 1) throw new TypeError('connection refused')
        return new Response('ok')
      },
    })
    const h = await createHarness({ store, webhooks })
    const { client_rrn, callback } = await h.buy('premium')
    await h.request(callback)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('paid')
    while (events.length < 2) await new Promise((done) => setTimeout(done, 2))
    expect(events.map((e) => e.type)).toEqual(['order.paid', 'order.paid'])
    expect(events[1]?.id).toBe(events[0]?.id)
    expect(events[0]?.data).toMatchObject({ client_rrn, status: 'paid', amount: '5.23' })

    const declined = await h.buy('premium', TEST_CARDS.declined)
    await h.request(declined.callback)
    await webhooks.idle()
    expect(events[2]).toMatchObject({
      type: 'order.failed',
      data: { client_rrn: declined.client_rrn, reason: 'declined' },
    })
  })

  it('does not send webhooks for a bad hint', async () => {
    const sent: string[] = []
    const webhooks = createWebhooks({
      url: 'https://shop.example.az/hooks',
      secret: new Secret('whsec-0123456789abcdef'),
      logger: captureLogger().logger,
      fetch: async (_url, init) => {
        sent.push(String(init.body))
        return new Response('ok')
      },
    })
    const h = await createHarness({ store, webhooks })
    const res = await h.checkout({ item: 'premium' })
    const { client_rrn } = (await res.json()) as { client_rrn: string }
    await h.request(callbackPath('made-up', client_rrn))
    await webhooks.idle()
    expect(sent).toEqual([])
  })
})
