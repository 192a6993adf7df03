import { describe, expect, test } from 'vitest'
import { engines, freshLedger, newOrder } from './test-engines.ts'
import type { Store } from './types.ts'

const T0 = new Date('2026-11-26T10:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)
const iso = (minutes: number) => at(minutes).toISOString()

/** An order created at `created` minutes, moved to pending with its next check at `check`. */
async function pendingOrder(store: Store, created: number, check: string | null) {
  const order = newOrder()
  await store.insertOrder(order, at(created))
  await store.transition(
    order.client_rrn,
    { from: ['created'], to: 'pending', psp_rrn: 'P', next_check_at: check },
    at(created),
  )
  return order.client_rrn
}

describe.each(engines)('follow-up queries on $name', (engine) => {
  test('dueForCheck returns due pending orders and created ones with a psp_rrn, earliest first', async () => {
    const store = await (await freshLedger(engine)).open()
    const late = await pendingOrder(store, 0, iso(9))
    const early = await pendingOrder(store, 0, iso(3))
    const exactlyNow = await pendingOrder(store, 0, iso(10))
    await pendingOrder(store, 0, iso(11)) // not yet
    await pendingOrder(store, 0, null) // not scheduled

    const returned = newOrder()
    await store.insertOrder(returned, T0)
    await store.transition(
      returned.client_rrn,
      { from: ['created'], to: 'created', psp_rrn: 'P2', next_check_at: iso(5) },
      T0,
    )
    const neverReturned = newOrder()
    await store.insertOrder(neverReturned, T0)
    await store.scheduleCheck(neverReturned.client_rrn, iso(1), 0, T0)

    const paid = await pendingOrder(store, 0, iso(1))
    await store.transition(paid, { from: ['pending'], to: 'paid', next_check_at: iso(1) }, at(2))

    const due = await store.dueForCheck(at(10), 10)
    expect(due.map((order) => order.client_rrn)).toEqual([early, returned.client_rrn, late, exactlyNow])
    expect((await store.dueForCheck(at(10), 2)).map((order) => order.client_rrn)).toEqual([
      early,
      returned.client_rrn,
    ])
    expect(await store.dueForCheck(at(10), 0)).toEqual([])
  })

  test('scheduleCheck updates the bookkeeping of an open order without an event', async () => {
    const store = await (await freshLedger(engine)).open()
    const client_rrn = await pendingOrder(store, 0, iso(1))
    await store.scheduleCheck(client_rrn, iso(30), 4, at(2))
    expect(await store.getOrder(client_rrn)).toMatchObject({
      status: 'pending',
      next_check_at: iso(30),
      check_attempts: 4,
      updated_at: iso(2),
    })
    await store.scheduleCheck(client_rrn, null, 5, at(3))
    expect(await store.getOrder(client_rrn)).toMatchObject({ next_check_at: null, check_attempts: 5 })
    expect(await store.dueForCheck(at(100), 10)).toEqual([])
    expect((await store.events(client_rrn)).map((event) => event.to_status)).toEqual(['created', 'pending'])
  })

  test('scheduleCheck leaves a final order alone', async () => {
    const store = await (await freshLedger(engine)).open()
    const client_rrn = await pendingOrder(store, 0, iso(1))
    const paid = await store.transition(client_rrn, { from: ['pending'], to: 'paid' }, at(2))
    expect(paid).toMatchObject({ next_check_at: null })
    await store.scheduleCheck(client_rrn, iso(5), 9, at(3))
    expect(await store.getOrder(client_rrn)).toEqual(paid)
  })

  test('expireCreated expires old created orders that never came back, each with its event', async () => {
    const store = await (await freshLedger(engine)).open()
    const old = [newOrder(), newOrder()]
    for (const order of old) await store.insertOrder(order, at(0))
    const recent = newOrder()
    await store.insertOrder(recent, at(60))
    const returned = newOrder()
    await store.insertOrder(returned, at(0))
    // Came back from the PSP and is still being asked about: the follow-up job settles it.
    await store.transition(
      returned.client_rrn,
      { from: ['created'], to: 'created', psp_rrn: 'P', next_check_at: iso(70) },
      at(1),
    )
    // Came back, but the job gave up on its reference (nothing scheduled): it expires too.
    const abandoned = newOrder()
    await store.insertOrder(abandoned, at(0))
    await store.transition(abandoned.client_rrn, { from: ['created'], to: 'created', psp_rrn: 'Q' }, at(1))
    old.push(abandoned)
    const pending = await pendingOrder(store, 0, iso(5))

    expect((await store.expireCreated(at(60), at(61))).map((o) => o.status)).toEqual([
      'expired',
      'expired',
      'expired',
    ])
    for (const order of old) {
      expect(await store.getOrder(order.client_rrn)).toMatchObject({
        status: 'expired',
        reason: 'expired',
        updated_at: iso(61),
      })
      expect((await store.events(order.client_rrn)).at(-1)).toMatchObject({
        from_status: 'created',
        to_status: 'expired',
        reason: 'expired',
        at: iso(61),
      })
    }
    expect(await store.getOrder(recent.client_rrn)).toMatchObject({ status: 'created' })
    expect(await store.getOrder(returned.client_rrn)).toMatchObject({ status: 'created' })
    expect(await store.getOrder(pending)).toMatchObject({ status: 'pending' })
    expect(await store.expireCreated(at(60), at(62))).toEqual([])
  })

  test('a late, verified payment still wins over expiry and clears the reason', async () => {
    const store = await (await freshLedger(engine)).open()
    const order = newOrder()
    await store.insertOrder(order, T0)
    await store.expireCreated(at(1), at(1))
    const paid = await store.transition(order.client_rrn, { from: ['created', 'expired'], to: 'paid' }, at(2))
    expect(paid).toMatchObject({ status: 'paid', reason: null })
  })

  test('expireCreated handles more orders than one multi-row insert holds', async () => {
    const store = await (await freshLedger(engine)).open()
    const count = 520
    for (let i = 0; i < count; i += 1) await store.insertOrder(newOrder(), T0)
    expect(await store.expireCreated(at(1), at(1))).toHaveLength(count)
    expect(await store.dueForCheck(at(1), 5)).toEqual([])
  })
})
