import { describe, expect, test } from 'vitest'
import { engines, freshLedger, newOrder, rrn } from './test-engines.ts'

const T0 = new Date('2026-11-26T10:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

describe.each(engines)('store on $name', (engine) => {
  test('reads back every field of an inserted order, and its first event', async () => {
    const store = await (await freshLedger(engine)).open()
    expect(store.dialect).toBe(engine.dialect)
    const order = newOrder({
      qepik: 999_999_999,
      description: 'One month',
      reference: 'INV-42',
      return_url: 'https://shop.example.az/thanks?x=1',
      locale: 'az',
      idempotency_key: 'key-1',
      request_hash: 'a'.repeat(64),
      order_token: 'tok_1',
      title: 'Premium — ayliq ₼',
      quantity: 3,
      livemode: true,
    })
    const result = await store.insertOrder(order, T0)
    const stored = {
      ...order,
      status: 'created',
      reason: null,
      psp_rrn: null,
      bank_rrn: null,
      quantity: 3,
      livemode: true,
      created_at: '2026-11-26T10:00:00.000Z',
      updated_at: '2026-11-26T10:00:00.000Z',
    }
    expect(result).toEqual({ inserted: true, order: stored })
    expect(await store.getOrder(order.client_rrn)).toEqual(stored)
    expect(await store.getOrderByToken('tok_1')).toEqual(stored)
    expect(await store.getOrderByIdempotencyKey('key-1')).toEqual(stored)
    expect(typeof (await store.getOrder(order.client_rrn))?.qepik).toBe('number')
    expect(await store.events(order.client_rrn)).toEqual([
      {
        id: expect.any(Number),
        client_rrn: order.client_rrn,
        from_status: null,
        to_status: 'created',
        reason: null,
        detail: null,
        at: stored.created_at,
      },
    ])
  })

  test('finds nothing for unknown keys', async () => {
    const store = await (await freshLedger(engine)).open()
    expect(await store.getOrder(rrn())).toBeUndefined()
    expect(await store.getOrderByToken('nope')).toBeUndefined()
    expect(await store.getOrderByIdempotencyKey('nope')).toBeUndefined()
    expect(await store.events(rrn())).toEqual([])
  })

  test('returns the existing order for a repeated idempotency key and writes nothing', async () => {
    const store = await (await freshLedger(engine)).open()
    const first = await store.insertOrder(newOrder({ idempotency_key: 'same' }), T0)
    const second = await store.insertOrder(newOrder({ idempotency_key: 'same', qepik: 100 }), at(1))
    if (!first.inserted) throw new Error('the first insert must insert')
    expect(second).toEqual({ inserted: false, existing: first.order })
    expect(await store.events(first.order.client_rrn)).toHaveLength(1)
  })

  test('orders without an idempotency key or token never collide', async () => {
    const store = await (await freshLedger(engine)).open()
    const a = await store.insertOrder(newOrder(), T0)
    const b = await store.insertOrder(newOrder(), T0)
    expect([a.inserted, b.inserted]).toEqual([true, true])
  })

  test('moves an order forward, updating fields and logging each change in order', async () => {
    const store = await (await freshLedger(engine)).open()
    const { client_rrn } = newOrder()
    await store.insertOrder(newOrder({ client_rrn }), T0)
    const pending = await store.transition(
      client_rrn,
      {
        from: ['created'],
        to: 'pending',
        psp_rrn: 'PSP1',
        detail: { code: 1 },
      },
      at(1),
    )
    expect(pending).toMatchObject({ status: 'pending', psp_rrn: 'PSP1', quantity: 1, livemode: false })
    expect(pending?.updated_at).toBe(at(1).toISOString())
    expect(pending?.created_at).toBe(T0.toISOString())

    const again = await store.transition(
      client_rrn,
      { from: ['pending'], to: 'pending', client_ip: '198.51.100.4' },
      at(2),
    )
    expect(again).toMatchObject({ status: 'pending', client_ip: '198.51.100.4', psp_rrn: 'PSP1' })

    const paid = await store.transition(
      client_rrn,
      { from: ['created', 'pending'], to: 'paid', bank_rrn: 'BANK9', detail: { code: 0, psp_rrn: 'PSP1' } },
      at(3),
    )
    expect(paid).toMatchObject({ status: 'paid', bank_rrn: 'BANK9', reason: null })
    expect(await store.getOrder(client_rrn)).toEqual(paid)

    const events = await store.events(client_rrn)
    expect(events.map((e) => [e.from_status, e.to_status, e.at])).toEqual([
      [null, 'created', T0.toISOString()],
      ['created', 'pending', at(1).toISOString()],
      ['pending', 'pending', at(2).toISOString()],
      ['pending', 'paid', at(3).toISOString()],
    ])
    expect(events.map((e) => e.detail)).toEqual([null, '{"code":1}', null, '{"code":0,"psp_rrn":"PSP1"}'])
    const ids = events.map((e) => e.id)
    expect([...ids].sort((x, y) => x - y)).toEqual(ids)
  })

  test('records the reason of a failure in the order and its event', async () => {
    const store = await (await freshLedger(engine)).open()
    const { client_rrn } = newOrder()
    await store.insertOrder(newOrder({ client_rrn }), T0)
    const failed = await store.transition(
      client_rrn,
      { from: ['created'], to: 'failed', reason: 'mismatch' },
      at(1),
    )
    expect(failed).toMatchObject({ status: 'failed', reason: 'mismatch' })
    expect((await store.events(client_rrn)).at(-1)).toMatchObject({ to_status: 'failed', reason: 'mismatch' })
  })

  test('changes nothing when the order is missing or in another state', async () => {
    const store = await (await freshLedger(engine)).open()
    const order = newOrder()
    await store.insertOrder(order, T0)
    expect(await store.transition(rrn(), { from: ['created'], to: 'paid' }, at(1))).toBeUndefined()
    expect(await store.transition(order.client_rrn, { from: ['pending'], to: 'paid' }, at(1))).toBeUndefined()
    expect(await store.transition(order.client_rrn, { from: [], to: 'paid' }, at(1))).toBeUndefined()
    expect(await store.getOrder(order.client_rrn)).toMatchObject({
      status: 'created',
      updated_at: T0.toISOString(),
    })
    expect(await store.events(order.client_rrn)).toHaveLength(1)
  })

  test('a paid order never goes back when the caller does not allow paid as the start', async () => {
    const store = await (await freshLedger(engine)).open()
    const order = newOrder()
    await store.insertOrder(order, T0)
    await store.transition(order.client_rrn, { from: ['created'], to: 'paid' }, at(1))
    for (const to of ['created', 'pending', 'failed', 'expired'] as const) {
      const change = {
        from: ['created', 'pending'] as const,
        to,
        reason: to === 'failed' ? ('declined' as const) : null,
      }
      expect(await store.transition(order.client_rrn, change, at(2))).toBeUndefined()
    }
    expect(await store.getOrder(order.client_rrn)).toMatchObject({
      status: 'paid',
      updated_at: at(1).toISOString(),
    })
    expect((await store.events(order.client_rrn)).map((e) => e.to_status)).toEqual(['created', 'paid'])
  })

  test('ping answers; close can be called twice; a closed store refuses work', async () => {
    const store = await (await freshLedger(engine)).open()
    await expect(store.ping()).resolves.toBeUndefined()
    await store.close()
    await expect(store.close()).resolves.toBeUndefined()
    await expect(store.ping()).rejects.toThrow()
  })

  test('remembers ended dashboard sessions until they would have expired, and only those', async () => {
    const store = await (await freshLedger(engine)).open()
    const sid = 'A'.repeat(22)
    const other = 'B'.repeat(22)
    expect(await store.sessionRevoked(sid)).toBe(false)
    await store.revokeSession(sid, at(60), T0)
    await store.revokeSession(sid, at(60), T0)
    expect(await store.sessionRevoked(sid)).toBe(true)
    expect(await store.sessionRevoked(other)).toBe(false)
    // Ending another session later forgets those past their expiry.
    await store.revokeSession(other, at(180), at(61))
    expect(await store.sessionRevoked(sid)).toBe(false)
    expect(await store.sessionRevoked(other)).toBe(true)
  })
})
