import type { CheckResult } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import type { OutboxMessage } from '../store/types.ts'
import { storeFactories } from '../testing/engines.ts'
import { callbackPath, createHarness, type Harness, TEST_CARDS } from '../testing/harness.ts'
import { runFollowUp, startFollowUp } from './follow-up.ts'

const T0 = new Date('2030-01-01T10:00:00Z')
const later = (ms: number) => new Date(T0.getTime() + ms)

/** A webhook channel that keeps what it is given. */
function captured() {
  const sent: OutboxMessage[] = []
  return {
    sent,
    send: async (message: OutboxMessage) => {
      sent.push(message)
      return { ok: true }
    },
  }
}

const attemptsOf = async (h: Harness, clientRrn: string) => h.store.attempts(clientRrn)

describe.each(storeFactories)('follow-up on $name', (store) => {
  it('asks /check again about a pending payment and marks the order paid once the bank settles', async () => {
    let now = T0
    const h = await createHarness({ store, clock: () => now })
    const { client_rrn, psp_rrn, callback } = await h.buy('premium', TEST_CARDS.pending)
    await h.request(callback)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('pending')
    expect(await attemptsOf(h, client_rrn)).toEqual([
      expect.objectContaining({
        psp_rrn,
        state: 'pending',
        checks: 1,
        next_check_at: later(10_000).toISOString(),
      }),
    ])

    // Not due yet: nothing is asked.
    expect((await runFollowUp(h.services)).checked).toBe(0)
    now = later(11_000)
    expect((await runFollowUp(h.services)).checked).toBe(1)
    expect((await attemptsOf(h, client_rrn))[0]).toMatchObject({
      state: 'pending',
      checks: 2,
      next_check_at: later(11_000 + 10_000).toISOString(),
    })

    h.sandbox.control.settle({ psp_rrn }, 'paid')
    now = later(60_000)
    await runFollowUp(h.services)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('paid')
    expect((await attemptsOf(h, client_rrn))[0]).toMatchObject({
      state: 'settled',
      outcome: 'paid',
      next_check_at: null,
    })
  })

  it('picks up a reference whose callback found /check unreachable', async () => {
    let now = T0
    const h = await createHarness({ store, clock: () => now, pspTimeoutMs: 50 })
    const { client_rrn, psp_rrn, callback } = await h.buy('premium')
    h.sandbox.control.setFaults({ status: 503 })
    await h.request(callback)
    h.sandbox.control.clearFaults()
    expect((await h.store.getOrder(client_rrn))?.status).toBe('created')
    expect((await attemptsOf(h, client_rrn))[0]).toMatchObject({
      psp_rrn,
      state: 'open',
      outcome: 'unreadable',
    })
    now = later(11_000)
    await runFollowUp(h.services)
    expect(await h.store.getOrder(client_rrn)).toMatchObject({ status: 'paid', psp_rrn })
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

  it('tells the merchant backend about each expired order, through the outbox', async () => {
    let now = T0
    const hook = captured()
    const h = await createHarness({ store, clock: () => now, senders: { webhook: hook.send } })
    const unpaid = await h.checkout({ item: 'premium' })
    const { client_rrn } = (await unpaid.json()) as { client_rrn: string }
    now = later(25 * 60 * 60 * 1000)
    await runFollowUp(h.services)
    await h.outbox.runOnce()
    expect(hook.sent.map((m) => [m.client_rrn, m.type])).toEqual([[client_rrn, 'order.expired']])
    expect(JSON.parse(hook.sent[0]?.payload ?? '{}')).toMatchObject({
      type: 'order.expired',
      data: { client_rrn, status: 'expired', reason: 'expired', livemode: false, amount: '5.23' },
    })
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

  it('stops asking about the other references of an order once it is paid', async () => {
    let now = T0
    let answer: CheckResult = { kind: 'unreadable', reason: 'HTTP 503' }
    const h = await createHarness({
      store,
      clock: () => now,
      psp: (inner) => ({
        check: async (rrn, o) => (answer.kind === 'unreadable' ? answer : inner.check(rrn, o)),
      }),
    })
    const { client_rrn, psp_rrn, callback } = await h.buy('premium')
    await h.request(callbackPath('1495199725-5xfasd-6CVI3o-l]Bupz', client_rrn))
    await h.request(callback)
    answer = {
      kind: 'paid',
      code: 0,
      description: 'OK',
      body: { amount: '5.23', qepik: 523, client_rrn, psp_rrn, test: true },
    }
    now = later(11_000)
    await runFollowUp(h.services)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('paid')
    now = later(120_000)
    await runFollowUp(h.services)
    expect((await attemptsOf(h, client_rrn)).every((a) => a.next_check_at === null)).toBe(true)
  })

  it('callbacks repeated during a /check outage do not push the next question far out', async () => {
    let now = T0
    let down = true
    const h = await createHarness({
      store,
      clock: () => now,
      psp: (inner) => ({
        check: (rrn, options) =>
          down ? Promise.resolve({ kind: 'unreadable', reason: 'HTTP 503' }) : inner.check(rrn, options),
      }),
    })
    const { client_rrn, callback } = await h.buy('premium')
    for (let i = 0; i < 8; i++) await h.request(callback)
    expect((await attemptsOf(h, client_rrn))[0]).toMatchObject({
      checks: 8,
      next_check_at: later(10_000).toISOString(),
    })
    down = false
    now = later(10_000)
    await runFollowUp(h.services)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('paid')
  })

  it('stops asking about a reference 30 days after a callback brought it', async () => {
    let now = T0
    const h = await createHarness({ store, clock: () => now })
    const { client_rrn, callback } = await h.buy('premium', TEST_CARDS.pending)
    await h.request(callback)
    h.sandbox.control.setFaults({ status: 503 })
    now = later(30 * 86_400_000 - 1000)
    await runFollowUp(h.services)
    expect((await attemptsOf(h, client_rrn))[0]).toMatchObject({ state: 'pending' })
    now = later(31 * 86_400_000)
    await runFollowUp(h.services)
    expect((await attemptsOf(h, client_rrn))[0]).toMatchObject({ state: 'stopped', next_check_at: null })
    h.sandbox.control.clearFaults()
  })

  it('runs on a timer and stops cleanly', async () => {
    const h = await createHarness({ store })
    const job = startFollowUp(h.services, { intervalMs: 5 })
    await new Promise((done) => setTimeout(done, 30))
    await job.stop()
  })

  it('sends one webhook per transition through the outbox; a failing receiver never changes the order', async () => {
    const sent: OutboxMessage[] = []
    const h = await createHarness({
      store,
      senders: {
        webhook: async (message) => {
          sent.push(message)
          return sent.length === 1 ? { ok: false, error: 'connection refused' } : { ok: true }
        },
      },
    })
    const { client_rrn, callback } = await h.buy('premium')
    await h.request(callback)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('paid')
    await h.outbox.runOnce()
    expect((await h.store.getOrder(client_rrn))?.status).toBe('paid')
    const declined = await h.buy('premium', TEST_CARDS.declined)
    await h.request(declined.callback)
    await h.outbox.runOnce()
    expect(sent.map((m) => m.type)).toEqual(['order.paid', 'order.failed'])
    expect(JSON.parse(sent[1]?.payload ?? '{}')).toMatchObject({
      type: 'order.failed',
      data: { client_rrn: declined.client_rrn, reason: 'declined' },
    })
    const [paidMessage] = await h.store.messages(client_rrn)
    expect(paidMessage).toMatchObject({ status: 'pending', attempts: 1, last_error: 'connection refused' })
  })

  it('sends nothing for a bad hint', async () => {
    const hook = captured()
    const h = await createHarness({ store, senders: { webhook: hook.send } })
    const res = await h.checkout({ item: 'premium' })
    const { client_rrn } = (await res.json()) as { client_rrn: string }
    await h.request(callbackPath('made-up', client_rrn))
    await h.outbox.runOnce()
    expect(hook.sent).toEqual([])
    expect(await h.store.messages(client_rrn)).toEqual([])
  })
})
