import { describe, expect, test } from 'vitest'
import { engines, freshLedger, newOrder } from './test-engines.ts'
import type { AttemptUpdate, NewOutboxMessage, Order, Store } from './types.ts'

const T0 = new Date('2026-11-26T10:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)
const iso = (minutes: number) => at(minutes).toISOString()

async function created(store: Store, minutes = 0) {
  const order = newOrder()
  await store.insertOrder(order, at(minutes))
  return order.client_rrn
}

const settled: AttemptUpdate = { state: 'settled', outcome: 'paid', checks: 1, next_check_at: null }
const ignored: AttemptUpdate = {
  state: 'ignored',
  outcome: 'foreign_payment',
  checks: 1,
  next_check_at: null,
}

describe.each(engines)('payment attempts on $name', (engine) => {
  test('records a reference once, before any answer, and says when it is known', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrn = await created(store)
    const first = await store.recordAttempt(rrn, 'P+1/=]', at(1), { next_check_at: iso(2), max: 5 })
    expect(first).toEqual({
      kind: 'recorded',
      attempt: {
        client_rrn: rrn,
        psp_rrn: 'P+1/=]',
        state: 'open',
        outcome: null,
        checks: 0,
        next_check_at: iso(2),
        created_at: iso(1),
        checked_at: null,
      },
    })
    const again = await store.recordAttempt(rrn, 'P+1/=]', at(3), { next_check_at: iso(4), max: 5 })
    expect(again).toEqual({ kind: 'known', attempt: first.kind === 'recorded' ? first.attempt : undefined })
    expect(await store.attempts(rrn)).toHaveLength(1)
  })

  test('keeps the oldest references up to the bound; ignored ones do not count', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrn = await created(store)
    for (const ref of ['A', 'B', 'C']) {
      expect((await store.recordAttempt(rrn, ref, at(1), { next_check_at: iso(2), max: 3 })).kind).toBe(
        'recorded',
      )
    }
    expect(await store.recordAttempt(rrn, 'D', at(1), { next_check_at: iso(2), max: 3 })).toEqual({
      kind: 'full',
    })
    // A reference found to be another payment's frees its place.
    await store.updateAttempt(rrn, 'B', ignored, at(2))
    expect((await store.recordAttempt(rrn, 'D', at(3), { next_check_at: iso(4), max: 3 })).kind).toBe(
      'recorded',
    )
    expect((await store.attempts(rrn)).map((a) => [a.psp_rrn, a.state])).toEqual([
      ['A', 'open'],
      ['B', 'ignored'],
      ['C', 'open'],
      ['D', 'open'],
    ])
  })

  test('the same reference may be recorded for several orders (it proves nothing by itself)', async () => {
    const store = await (await freshLedger(engine)).open()
    const one = await created(store)
    const two = await created(store)
    expect((await store.recordAttempt(one, 'P', at(1), { next_check_at: iso(2), max: 5 })).kind).toBe(
      'recorded',
    )
    expect((await store.recordAttempt(two, 'P', at(1), { next_check_at: iso(2), max: 5 })).kind).toBe(
      'recorded',
    )
  })

  test('dueAttempts lists scheduled references that are due, earliest first, with their orders', async () => {
    const store = await (await freshLedger(engine)).open()
    const a = await created(store)
    const b = await created(store)
    await store.recordAttempt(a, 'late', at(0), { next_check_at: iso(9), max: 5 })
    await store.recordAttempt(b, 'early', at(0), { next_check_at: iso(3), max: 5 })
    await store.recordAttempt(a, 'now', at(0), { next_check_at: iso(10), max: 5 })
    await store.recordAttempt(b, 'not-yet', at(0), { next_check_at: iso(11), max: 5 })
    await store.recordAttempt(b, 'answered', at(0), { next_check_at: iso(1), max: 5 })
    await store.updateAttempt(b, 'answered', settled, at(1))

    const due = await store.dueAttempts(at(10), 10)
    expect(due.map(({ attempt }) => attempt.psp_rrn)).toEqual(['early', 'late', 'now'])
    expect(due[0]?.order).toMatchObject({ client_rrn: b, status: 'created', livemode: false })
    expect(due[0]?.attempt).toMatchObject({ client_rrn: b, state: 'open', checks: 0 })
    expect((await store.dueAttempts(at(10), 1)).map(({ attempt }) => attempt.psp_rrn)).toEqual(['early'])
    expect(await store.dueAttempts(at(10), 0)).toEqual([])
  })

  test('an attempt answered with a transition is recorded in the same transaction, also when the order does not move', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrn = await created(store)
    await store.recordAttempt(rrn, 'P', at(0), { next_check_at: iso(1), max: 5 })
    const update: AttemptUpdate = { state: 'pending', outcome: 'pending', checks: 1, next_check_at: iso(5) }
    await store.transition(rrn, { from: ['created'], to: 'pending', psp_rrn: 'P' }, at(1), {
      attempt: { psp_rrn: 'P', update },
    })
    expect((await store.attempts(rrn))[0]).toMatchObject({ ...update, checked_at: iso(1) })
    // The order is no longer created, yet the answer is still written down.
    await store.transition(rrn, { from: ['created'], to: 'failed', reason: 'declined' }, at(2), {
      attempt: { psp_rrn: 'P', update: settled },
    })
    expect(await store.getOrder(rrn)).toMatchObject({ status: 'pending' })
    expect((await store.attempts(rrn))[0]).toMatchObject({ state: 'settled', checked_at: iso(2) })
  })

  test('the database refuses an open attempt without a schedule, or a closed one with one', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrn = await created(store)
    await store.recordAttempt(rrn, 'P', at(0), { next_check_at: iso(1), max: 5 })
    await expect(
      store.updateAttempt(rrn, 'P', { state: 'open', outcome: 'x', checks: 1, next_check_at: null }, at(1)),
    ).rejects.toThrow()
    await expect(
      store.updateAttempt(
        rrn,
        'P',
        { state: 'settled', outcome: 'x', checks: 1, next_check_at: iso(2) },
        at(1),
      ),
    ).rejects.toThrow()
  })
})

describe.each(engines)('expiry on $name', (engine) => {
  const expiredMessage = (order: Order): NewOutboxMessage[] => [
    {
      id: `msg_${order.client_rrn}`,
      event_id: `evt_${order.client_rrn}`,
      channel: 'webhook',
      type: 'order.expired',
      client_rrn: order.client_rrn,
      payload: JSON.stringify({ type: 'order.expired', data: { client_rrn: order.client_rrn } }),
    },
  ]

  test('expires old created orders that wait for no answer, with their events and messages', async () => {
    const store = await (await freshLedger(engine)).open()
    const old = await created(store, 0)
    const young = await created(store, 100)
    const waiting = await created(store, 0)
    await store.recordAttempt(waiting, 'P', at(1), { next_check_at: iso(50), max: 5 })
    const answered = await created(store, 0)
    await store.recordAttempt(answered, 'Q', at(1), { next_check_at: iso(2), max: 5 })
    await store.updateAttempt(answered, 'Q', ignored, at(2))
    const paid = await created(store, 0)
    await store.transition(paid, { from: ['created'], to: 'paid' }, at(1))

    const expired = await store.expireCreated(at(60), at(61), expiredMessage)
    expect(expired.map((order) => order.client_rrn).sort()).toEqual([old, answered].sort())
    expect(expired[0]).toMatchObject({ status: 'expired', reason: 'expired', updated_at: iso(61) })
    for (const rrn of [old, answered]) {
      expect((await store.events(rrn)).map((e) => [e.from_status, e.to_status, e.reason])).toEqual([
        [null, 'created', null],
        ['created', 'expired', 'expired'],
      ])
      expect((await store.messages(rrn)).map((m) => [m.type, m.status, m.next_attempt_at])).toEqual([
        ['order.expired', 'pending', iso(61)],
      ])
    }
    for (const rrn of [young, waiting]) expect((await store.getOrder(rrn))?.status).toBe('created')
    expect(await store.expireCreated(at(60), at(62), expiredMessage)).toEqual([])
  })

  test('expires at most `limit` orders per call', async () => {
    const store = await (await freshLedger(engine)).open()
    for (let i = 0; i < 3; i++) await created(store, 0)
    expect(await store.expireCreated(at(60), at(61), undefined, 2)).toHaveLength(2)
    expect(await store.expireCreated(at(60), at(61), undefined, 2)).toHaveLength(1)
  })
})
