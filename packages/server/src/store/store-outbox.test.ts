import { describe, expect, test } from 'vitest'
import { engines, freshLedger, newOrder } from './test-engines.ts'
import type { DeliveryRecord, NewOutboxMessage, Order, Store } from './types.ts'

const T0 = new Date('2026-11-26T10:00:00.000Z')
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)
const iso = (seconds: number) => at(seconds).toISOString()

let serial = 0
const paidMessages = (order: Order, previous: string): NewOutboxMessage[] => {
  serial += 1
  return ['webhook', 'telegram'].map((channel) => ({
    id: `msg_${serial}_${channel}`,
    event_id: `evt_${serial}`,
    channel: channel as 'webhook' | 'telegram',
    type: 'order.paid',
    client_rrn: order.client_rrn,
    payload: JSON.stringify({ type: 'order.paid', previous, data: { status: order.status } }),
  }))
}

/** A paid order whose change wrote two messages (webhook, telegram), due at T0. */
async function paidOrder(store: Store) {
  const order = newOrder()
  await store.insertOrder(order, T0)
  await store.transition(order.client_rrn, { from: ['created'], to: 'paid' }, T0, { messages: paidMessages })
  return order.client_rrn
}

const failedTry = (next: number): DeliveryRecord => ({
  duration_ms: 12.6,
  ok: false,
  status_code: 503,
  error: 'HTTP 503',
  status: 'pending',
  next_attempt_at: iso(next),
})

describe.each(engines)('outbox on $name', (engine) => {
  test('a transition writes its messages in the same transaction, built from the order after it', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrn = await paidOrder(store)
    const messages = await store.messages(rrn)
    // Oldest first, then by id (`msg_…_telegram` before `msg_…_webhook`).
    expect(messages.map((m) => [m.channel, m.type, m.status, m.attempts, m.next_attempt_at])).toEqual([
      ['telegram', 'order.paid', 'pending', 0, T0.toISOString()],
      ['webhook', 'order.paid', 'pending', 0, T0.toISOString()],
    ])
    expect(new Set(messages.map((m) => m.event_id)).size).toBe(1)
    expect(JSON.parse(messages[0]?.payload ?? '{}')).toMatchObject({
      previous: 'created',
      data: { status: 'paid' },
    })
  })

  test('a transition that does not happen writes no message', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrn = await paidOrder(store)
    await store.transition(rrn, { from: ['created', 'pending'], to: 'failed', reason: 'declined' }, at(1), {
      messages: paidMessages,
    })
    expect(await store.messages(rrn)).toHaveLength(2)
  })

  test('a transition whose messages cannot be written leaves the order as it was', async () => {
    const store = await (await freshLedger(engine)).open()
    const order = newOrder()
    await store.insertOrder(order, T0)
    const broken = (o: Order): NewOutboxMessage[] => [
      // @ts-expect-error: a channel the database does not know.
      { ...paidMessages(o, 'created')[0], channel: 'fax' },
    ]
    await expect(
      store.transition(order.client_rrn, { from: ['created'], to: 'paid' }, at(1), { messages: broken }),
    ).rejects.toThrow()
    expect(await store.getOrder(order.client_rrn)).toMatchObject({ status: 'created' })
    expect(await store.events(order.client_rrn)).toHaveLength(1)
  })

  test('claims due messages for a lease; a claimed message is not claimed again until the lease ends', async () => {
    const store = await (await freshLedger(engine)).open()
    await paidOrder(store)
    const first = await store.claimMessages(at(1), { limit: 10, leaseMs: 60_000 })
    expect(first).toHaveLength(2)
    expect(first[0]?.locked_until).toBe(iso(61))
    expect(await store.claimMessages(at(2), { limit: 10, leaseMs: 60_000 })).toEqual([])
    // The worker died without recording anything: after the lease the messages are due again.
    expect(await store.claimMessages(at(62), { limit: 1, leaseMs: 60_000 })).toHaveLength(1)
  })

  test('records each try and moves the message on: retry, then delivered', async () => {
    const store = await (await freshLedger(engine)).open()
    const rrn = await paidOrder(store)
    const [message] = await store.claimMessages(at(1), { limit: 1, leaseMs: 60_000 })
    if (!message) throw new Error('nothing claimed')
    await store.recordDelivery(message.id, failedTry(31), at(2))
    expect(await store.getMessage(message.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      next_attempt_at: iso(31),
      locked_until: null,
      last_error: 'HTTP 503',
      last_status_code: 503,
      delivered_at: null,
    })
    expect(await store.claimMessages(at(30), { limit: 10, leaseMs: 60_000 })).toHaveLength(1) // the other one
    const [again] = await store.claimMessages(at(31), { limit: 10, leaseMs: 60_000 })
    expect(again?.id).toBe(message.id)
    await store.recordDelivery(
      message.id,
      { duration_ms: 4, ok: true, status_code: 204, error: null, status: 'delivered', next_attempt_at: null },
      at(32),
    )
    expect(await store.getMessage(message.id)).toMatchObject({
      status: 'delivered',
      attempts: 2,
      next_attempt_at: null,
      delivered_at: iso(32),
    })
    expect(
      (await store.deliveries(message.id)).map((d) => [d.attempt, d.ok, d.status_code, d.duration_ms, d.at]),
    ).toEqual([
      [1, false, 503, 13, iso(2)],
      [2, true, 204, 4, iso(32)],
    ])
    expect((await store.messages(rrn)).find((m) => m.id === message.id)?.status).toBe('delivered')
  })

  test('a resend leaves a message that a worker is sending right now alone', async () => {
    const store = await (await freshLedger(engine)).open()
    await paidOrder(store)
    const [message] = await store.claimMessages(at(1), { limit: 1, leaseMs: 60_000 })
    if (!message) throw new Error('nothing claimed')
    // Freeing the claim would let a second worker send the message again.
    expect(await store.requeueMessage(message.id, at(2))).toBeUndefined()
    const others = await store.claimMessages(at(3), { limit: 10, leaseMs: 60_000 })
    expect(others.map((m) => m.id)).not.toContain(message.id)
    expect((await store.getMessage(message.id))?.locked_until).toBe(iso(61))
    // Once the lease has run out (the worker died), a resend may take it over.
    expect(await store.requeueMessage(message.id, at(62))).toMatchObject({
      status: 'pending',
      locked_until: null,
    })
  })

  test('a dead message is never claimed; a resend makes it due again', async () => {
    const store = await (await freshLedger(engine)).open()
    await paidOrder(store)
    const [message] = await store.claimMessages(at(1), { limit: 1, leaseMs: 60_000 })
    if (!message) throw new Error('nothing claimed')
    await store.recordDelivery(message.id, { ...failedTry(0), status: 'dead', next_attempt_at: null }, at(2))
    expect(await store.getMessage(message.id)).toMatchObject({ status: 'dead', next_attempt_at: null })
    const due = await store.claimMessages(at(1_000_000), { limit: 10, leaseMs: 1000 })
    expect(due.map((m) => m.id)).not.toContain(message.id)
    expect(await store.requeueMessage(message.id, at(5))).toMatchObject({
      status: 'pending',
      attempts: 0,
      next_attempt_at: iso(5),
    })
    const [resent] = await store.claimMessages(at(5), { limit: 10, leaseMs: 1000 })
    expect(resent?.id).toBe(message.id)
    // A new round: the resend's first failure is a retry, and the log keeps counting.
    await store.recordDelivery(message.id, failedTry(40), at(6))
    expect(await store.getMessage(message.id)).toMatchObject({ status: 'pending', attempts: 1 })
    expect((await store.deliveries(message.id)).map((d) => d.attempt)).toEqual([1, 2])
    expect(await store.requeueMessage('msg_none', at(5))).toBeUndefined()
  })
})

describe.each(engines.filter((engine) => engine.manyStoresPerProcess))(
  'outbox instances on $name',
  (engine) => {
    test('workers of several instances never claim the same message', async () => {
      const ledger = await freshLedger(engine)
      const stores = await Promise.all(Array.from({ length: 4 }, () => ledger.open()))
      const [first] = stores
      if (!first) throw new Error('no store')
      for (let i = 0; i < 10; i++) await paidOrder(first)
      const claims = await Promise.all(
        stores.flatMap((store) =>
          [1, 2, 3].map(() => store.claimMessages(at(1), { limit: 3, leaseMs: 60_000 })),
        ),
      )
      const ids = claims.flat().map((message) => message.id)
      expect(ids).toHaveLength(20)
      expect(new Set(ids).size).toBe(20)
    })
  },
)
