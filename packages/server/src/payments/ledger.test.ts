import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness, TEST_CARDS } from '../testing/harness.ts'
import { runFollowUp } from './follow-up.ts'

const T0 = new Date('2030-01-01T10:00:00Z')

describe.each(storeFactories)('the outbox nudge on $name', (store) => {
  it('wakes the outbox worker once for a change that wrote messages', async () => {
    const h = await createHarness({ store, senders: { webhook: async () => ({ ok: true }) } })
    let woken = 0
    h.services.onOutboxWake(() => {
      woken += 1
    })
    const { client_rrn, callback } = await h.buy('premium')
    await h.request(callback)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('paid')
    expect(await h.store.messages(client_rrn)).toHaveLength(1)
    expect(woken).toBe(1)
  })

  it('leaves the worker asleep when no channel is configured: nothing was written for it to send', async () => {
    let now = T0
    const h = await createHarness({ store, clock: () => now })
    let woken = 0
    h.services.onOutboxWake(() => {
      woken += 1
    })
    const paid = await h.buy('premium')
    await h.request(paid.callback)
    const pending = await h.buy('premium', TEST_CARDS.pending)
    await h.request(pending.callback)
    expect((await h.store.getOrder(pending.client_rrn))?.status).toBe('pending')
    const abandoned = await h.buy('premium')
    now = new Date(T0.getTime() + 2 * 24 * 60 * 60 * 1000)
    expect((await runFollowUp(h.services)).expired).toBeGreaterThanOrEqual(1)
    expect((await h.store.getOrder(paid.client_rrn))?.status).toBe('paid')
    expect((await h.store.getOrder(abandoned.client_rrn))?.status).toBe('expired')
    expect(await h.store.messages(paid.client_rrn)).toEqual([])
    expect(woken).toBe(0)
  })

  it('wakes once for a follow-up pass that expired orders with a channel configured', async () => {
    let now = T0
    const h = await createHarness({
      store,
      clock: () => now,
      senders: { webhook: async () => ({ ok: true }) },
    })
    let woken = 0
    h.services.onOutboxWake(() => {
      woken += 1
    })
    const abandoned = await h.buy('premium')
    now = new Date(T0.getTime() + 2 * 24 * 60 * 60 * 1000)
    await runFollowUp(h.services)
    expect((await h.store.getOrder(abandoned.client_rrn))?.status).toBe('expired')
    expect(await h.store.messages(abandoned.client_rrn)).toHaveLength(1)
    expect(woken).toBe(1)
  })
})
