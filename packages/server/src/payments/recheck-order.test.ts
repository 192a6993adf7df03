import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { countingPsp, createHarness, TEST_CARDS } from '../testing/harness.ts'
import { recheckOrder } from './recheck-order.ts'

describe.each(storeFactories)('recheckOrder on $name', (store) => {
  it('asks /check about a pending reference and moves the order on the answer', async () => {
    const h = await createHarness({ store })
    const bought = await h.buy('premium', TEST_CARDS.pending)
    await h.request(bought.callback)
    h.sandbox.control.settle({ client_rrn: bought.client_rrn }, 'paid')
    const order = await h.store.getOrder(bought.client_rrn)
    if (!order) throw new Error('no order')
    const result = await recheckOrder(h.services, order)
    expect(result.order.status).toBe('paid')
    expect(result.asked).toEqual([{ psp_rrn: bought.psp_rrn, verdict: 'ours', outcome: 'paid' }])
    expect(result.skipped).toBe(0)
    expect(h.records().some((r) => r.event === 'order.rechecked' && r.to === 'paid')).toBe(true)
  })

  it('asks again about a reference the follow-up gave up on', async () => {
    const h = await createHarness({ store })
    const bought = await h.buy('premium', TEST_CARDS.pending)
    await h.request(bought.callback)
    await h.store.updateAttempt(
      bought.client_rrn,
      bought.psp_rrn,
      { state: 'stopped', outcome: 'pending', checks: 40, next_check_at: null },
      new Date(),
    )
    h.sandbox.control.settle({ client_rrn: bought.client_rrn }, 'paid')
    const order = await h.store.getOrder(bought.client_rrn)
    if (!order) throw new Error('no order')
    expect((await recheckOrder(h.services, order)).order.status).toBe('paid')
  })

  it('asks nothing about final answers or about an order without references', async () => {
    const seen = { calls: 0 }
    const h = await createHarness({ store, psp: countingPsp(seen) })
    const bought = await h.buy('premium')
    await h.request(bought.callback)
    const paid = await h.store.getOrder(bought.client_rrn)
    if (!paid) throw new Error('no order')
    const before = seen.calls
    const result = await recheckOrder(h.services, paid)
    expect(result).toMatchObject({ asked: [], skipped: 1 })
    expect(result.order.status).toBe('paid')

    const res = await h.checkout({ item: 'premium' })
    const { client_rrn } = (await res.json()) as { client_rrn: string }
    const created = await h.store.getOrder(client_rrn)
    if (!created) throw new Error('no order')
    expect(await recheckOrder(h.services, created)).toMatchObject({ asked: [], skipped: 0 })
    expect(seen.calls).toBe(before)
  })
})
