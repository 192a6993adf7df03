import { describe, expect, test } from 'vitest'
import { engines, freshLedger, newOrder } from './test-engines.ts'
import type { Store } from './types.ts'

const T0 = new Date('2026-11-26T10:00:00.000Z')
const PARALLEL = 20

/** Two stores on one database where the engine allows it (two instances' worth of connections). */
async function racers(engine: (typeof engines)[number]): Promise<Store[]> {
  const ledger = await freshLedger(engine)
  const first = await ledger.open()
  return engine.manyStoresPerProcess ? [first, await ledger.open()] : [first]
}

describe.each(engines)('concurrency on $name', (engine) => {
  test(`${PARALLEL} parallel inserts with one idempotency key make exactly one order and one event`, async () => {
    const stores = await racers(engine)
    const attempts = Array.from({ length: PARALLEL }, (_, i) =>
      newOrder({ idempotency_key: 'one-key', qepik: 100 + i }),
    )
    const results = await Promise.all(
      attempts.map((order, i) => (stores[i % stores.length] as Store).insertOrder(order, T0)),
    )
    const winners = results.flatMap((result) => (result.inserted ? [result.order] : []))
    expect(winners).toHaveLength(1)
    const winner = winners[0]
    for (const result of results) {
      expect(result.inserted ? result.order : result.existing).toEqual(winner)
    }
    const store = stores[0] as Store
    for (const order of attempts) {
      const stored = await store.getOrder(order.client_rrn)
      expect(stored === undefined || stored.client_rrn === winner?.client_rrn).toBe(true)
      expect(await store.events(order.client_rrn)).toHaveLength(
        order.client_rrn === winner?.client_rrn ? 1 : 0,
      )
    }
  })

  test(`${PARALLEL} parallel transitions created → paid: one succeeds, one event`, async () => {
    const stores = await racers(engine)
    const order = newOrder()
    const store = stores[0] as Store
    await store.insertOrder(order, T0)
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        (stores[i % stores.length] as Store).transition(
          order.client_rrn,
          { from: ['created'], to: 'paid', psp_rrn: `PSP${i}`, detail: { racer: i } },
          T0,
        ),
      ),
    )
    const winners = results.filter((result) => result !== undefined)
    expect(winners).toHaveLength(1)
    const stored = await store.getOrder(order.client_rrn)
    expect(stored).toEqual(winners[0])
    const events = await store.events(order.client_rrn)
    expect(events.map((event) => [event.from_status, event.to_status])).toEqual([
      [null, 'created'],
      ['created', 'paid'],
    ])
    // The event belongs to the winner's change, not to a loser's.
    expect(events[1]?.detail).toBe(JSON.stringify({ racer: Number(stored?.psp_rrn?.slice(3)) }))
  })

  test('racing transitions with different targets leave one consistent history', async () => {
    const stores = await racers(engine)
    const order = newOrder()
    const store = stores[0] as Store
    await store.insertOrder(order, T0)
    const targets = ['pending', 'paid', 'failed'] as const
    await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        (stores[i % stores.length] as Store).transition(
          order.client_rrn,
          { from: ['created', 'pending'], to: targets[i % targets.length] ?? 'pending', reason: null },
          T0,
        ),
      ),
    )
    const stored = await store.getOrder(order.client_rrn)
    const events = await store.events(order.client_rrn)
    // Each event starts where the previous one ended, and the last one is where the order is.
    for (let i = 1; i < events.length; i += 1) {
      expect(events[i]?.from_status).toBe(events[i - 1]?.to_status)
    }
    expect(events.at(-1)?.to_status).toBe(stored?.status)
    expect(['paid', 'failed']).toContain(stored?.status)
  })
})
