import { describe, expect, test } from 'vitest'
import { engines, freshLedger, newOrder } from './test-engines.ts'
import type { Store } from './types.ts'

const T0 = new Date('2026-11-26T10:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

/** `n` orders one minute apart (the newest last); every third one paid, every fifth a live one. */
async function seed(store: Store, n: number) {
  const rrns: string[] = []
  for (let i = 0; i < n; i++) {
    const order = newOrder({ qepik: 100 + i, livemode: i % 5 === 0, reference: i === 7 ? 'INV-7' : null })
    await store.insertOrder(order, at(i))
    if (i % 3 === 0) await store.transition(order.client_rrn, { from: ['created'], to: 'paid' }, at(i))
    rrns.push(order.client_rrn)
  }
  return rrns
}

describe.each(engines)('reports on $name', (engine) => {
  test('pages through every order newest first, without gaps or repeats, also on equal times', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrns = await seed(store, 23)
    // Three orders in the same millisecond: the client_rrn breaks the tie.
    const twins = [newOrder(), newOrder(), newOrder()]
    for (const twin of twins) await store.insertOrder(twin, at(30))
    const seen: string[] = []
    let after: Parameters<Store['listOrders']>[1]['after']
    let pages = 0
    do {
      const page = await store.listOrders({}, { limit: 5, ...(after ? { after } : {}) })
      seen.push(...page.orders.map((order) => order.client_rrn))
      after = page.next
      pages += 1
    } while (after)
    expect(pages).toBe(6)
    expect(seen.slice(0, 3).sort()).toEqual(twins.map((t) => t.client_rrn).sort())
    expect(seen.slice(3)).toEqual([...rrns].reverse())
  })

  test('pages back towards newer orders with the cursor of the first one shown', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrns = [...(await seed(store, 12))].reverse() // newest first, as shown
    const first = await store.listOrders({}, { limit: 5 })
    expect(first.previous).toBeUndefined()
    const second = await store.listOrders({}, { limit: 5, ...(first.next ? { after: first.next } : {}) })
    expect(second.orders.map((o) => o.client_rrn)).toEqual(rrns.slice(5, 10))
    const third = await store.listOrders({}, { limit: 5, ...(second.next ? { after: second.next } : {}) })
    expect(third.orders.map((o) => o.client_rrn)).toEqual(rrns.slice(10))
    expect(third.next).toBeUndefined()
    // Newer from the last page: the middle page again, and from there the first page.
    const back = await store.listOrders(
      {},
      { limit: 5, ...(third.previous ? { before: third.previous } : {}) },
    )
    expect(back.orders.map((o) => o.client_rrn)).toEqual(rrns.slice(5, 10))
    expect(back.next).toEqual(second.next)
    const top = await store.listOrders({}, { limit: 5, ...(back.previous ? { before: back.previous } : {}) })
    expect(top.orders.map((o) => o.client_rrn)).toEqual(rrns.slice(0, 5))
    expect(top.previous).toBeUndefined()
    expect(top.next).toEqual(first.next)
    // With a filter, the cursor stays inside it.
    const paid = await store.listOrders({ status: ['paid'] }, { limit: 2 })
    const paid2 = await store.listOrders(
      { status: ['paid'] },
      { limit: 2, ...(paid.next ? { after: paid.next } : {}) },
    )
    expect(paid2.next).toBeUndefined()
    const paidBack = await store.listOrders(
      { status: ['paid'] },
      { limit: 2, ...(paid2.previous ? { before: paid2.previous } : {}) },
    )
    expect(paidBack.orders).toEqual(paid.orders)
    expect(paidBack.previous).toBeUndefined()
  })

  test('filters by status, period, mode and search (client_rrn, psp_rrn of any attempt, reference)', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrns = await seed(store, 12)
    const list = async (filter: Parameters<Store['listOrders']>[0]) =>
      (await store.listOrders(filter, { limit: 100 })).orders.map((order) => order.client_rrn)
    expect(await list({ status: ['paid'] })).toEqual([rrns[9], rrns[6], rrns[3], rrns[0]])
    expect(await list({ since: at(10) })).toEqual([rrns[11], rrns[10]])
    expect(await list({ since: at(2), until: at(4) })).toEqual([rrns[3], rrns[2]])
    expect(await list({ livemode: true })).toEqual([rrns[10], rrns[5], rrns[0]])
    expect(await list({ status: ['paid'], livemode: true })).toEqual([rrns[0]])
    expect(await list({ search: rrns[4] })).toEqual([rrns[4]])
    expect(await list({ search: 'INV-7' })).toEqual([rrns[7]])
    await store.recordAttempt(rrns[2] ?? '', '1495199725-5xfasd-6CVI3o-l]Bupz', at(3), {
      next_check_at: at(4).toISOString(),
      max: 5,
    })
    expect(await list({ search: ' 1495199725-5xfasd-6CVI3o-l]Bupz ' })).toEqual([rrns[2]])
    expect(await list({ search: 'nothing-like-it' })).toEqual([])
  })

  test('totals the paid orders of a period in whole qəpik', async () => {
    const store = await (await freshLedger(engine)).open()
    await seed(store, 12)
    expect(await store.paidTotals({})).toEqual({ count: 4, qepik: 100 + 103 + 106 + 109 })
    expect(await store.paidTotals({ since: at(5) })).toEqual({ count: 2, qepik: 106 + 109 })
    expect(await store.paidTotals({ since: at(100) })).toEqual({ count: 0, qepik: 0 })
  })

  test('exports every order of a filter in batches', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrns = await seed(store, 11)
    const exported: string[] = []
    for await (const order of store.exportOrders({ status: ['created'] }, 3)) exported.push(order.client_rrn)
    expect(exported).toEqual(rrns.filter((_, i) => i % 3 !== 0).reverse())
  })

  test('lists and counts messages by status, newest first', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrns = await seed(store, 2)
    for (const [i, rrn] of rrns.entries()) {
      await store.transition(
        rrn,
        { from: ['created', 'paid'], to: 'failed', reason: 'declined' },
        at(10 + i),
        {
          messages: (order) => [
            {
              id: `msg_${i}`,
              event_id: `evt_${i}`,
              channel: 'webhook',
              type: 'order.failed',
              client_rrn: order.client_rrn,
              payload: '{}',
            },
          ],
        },
      )
    }
    expect((await store.listMessages({ limit: 10 })).map((m) => m.id)).toEqual(['msg_1', 'msg_0'])
    const [first] = await store.claimMessages(at(20), { limit: 1, leaseMs: 1000 })
    await store.recordDelivery(
      first?.id ?? '',
      {
        duration_ms: 1,
        ok: false,
        status_code: 410,
        error: 'HTTP 410',
        status: 'dead',
        next_attempt_at: null,
      },
      at(21),
    )
    expect(await store.countMessages('dead')).toBe(1)
    expect(await store.countMessages('pending')).toBe(1)
    expect(await store.dueMessages(at(11))).toEqual({ due: 1, oldest: at(11).toISOString() })
    expect(await store.dueMessages(at(10))).toEqual({ due: 0, oldest: null })
    expect((await store.listMessages({ status: 'dead', limit: 10 })).map((m) => m.id)).toEqual([first?.id])
    const newest = (await store.listMessages({ limit: 1 }))[0]
    expect(
      (
        await store.listMessages({
          limit: 10,
          before: { created_at: newest?.created_at ?? '', id: newest?.id ?? '' },
        })
      ).map((m) => m.id),
    ).toEqual(['msg_0'])
  })
})
