import { describe, expect, it } from 'vitest'
import { newOrder } from '../store/test-engines.ts'
import type { NewOutboxMessage, Order, Store } from '../store/types.ts'
import { captureLogger } from '../testing/capture-logger.ts'
import { storeFactories } from '../testing/engines.ts'
import type { DeliveryOutcome, Route, Sender } from './types.ts'
import { OUTBOX_RETRY_DELAYS_S, startOutbox } from './worker.ts'

const T0 = new Date('2030-01-01T10:00:00Z')
const later = (s: number) => new Date(T0.getTime() + s * 1000)

let serial = 0
const messages =
  (channels: Route['channel'][]) =>
  (order: Order): NewOutboxMessage[] => {
    serial += 1
    return channels.map((channel) => ({
      id: `msg_${serial}_${channel}`,
      event_id: `evt_${serial}`,
      channel,
      type: 'order.paid',
      client_rrn: order.client_rrn,
      payload: `{"type":"order.paid","n":${serial}}`,
    }))
  }

async function paid(store: Store, channels: Route['channel'][] = ['webhook'], at = T0) {
  const order = newOrder()
  await store.insertOrder(order, at)
  await store.transition(order.client_rrn, { from: ['created'], to: 'paid' }, at, {
    messages: messages(channels),
  })
  return order.client_rrn
}

/** A sender that answers from a script, one outcome per call (the last one repeats). */
function scripted(...outcomes: (DeliveryOutcome | Error)[]): Sender & { calls: string[] } {
  const calls: string[] = []
  const send = async (message: { event_id: string }) => {
    calls.push(message.event_id)
    const next = outcomes.length > 1 ? outcomes.shift() : outcomes[0]
    if (next instanceof Error) throw next
    return next ?? { ok: true }
  }
  return Object.assign(send, { calls })
}

describe.each(storeFactories)('the outbox worker on $name', (factory) => {
  it('delivers due messages and records the try', async () => {
    const store = await factory.open()
    const rrn = await paid(store)
    const send = scripted({ ok: true, status_code: 204 })
    const { logger, records } = captureLogger()
    const worker = startOutbox(
      { store, routes: [{ channel: 'webhook', wants: () => true, send }], clock: () => later(1), logger },
      { start: false },
    )
    expect(await worker.runOnce()).toBe(1)
    const [message] = await store.messages(rrn)
    expect(message).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 204 })
    expect(await store.deliveries(message?.id ?? '')).toEqual([
      expect.objectContaining({ attempt: 1, ok: true, status_code: 204 }),
    ])
    expect(records().find((r) => r.event === 'outbox.delivered')).toMatchObject({
      client_rrn: rrn,
      attempt: 1,
    })
    expect(await worker.runOnce()).toBe(0)
  })

  it('a receiver that refuses, times out and recovers gets the event with one id, at the backoff times', async () => {
    const store = await factory.open()
    const rrn = await paid(store)
    let now = later(0)
    const send = scripted(
      { ok: false, status_code: 503, error: 'HTTP 503' },
      { ok: false, error: 'timeout' },
      { ok: true, status_code: 200 },
    )
    const worker = startOutbox(
      {
        store,
        routes: [{ channel: 'webhook', wants: () => true, send }],
        clock: () => now,
        logger: captureLogger().logger,
      },
      { start: false },
    )
    expect(await worker.runOnce()).toBe(1)
    expect((await store.messages(rrn))[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      next_attempt_at: later(OUTBOX_RETRY_DELAYS_S[0]).toISOString(),
    })
    now = later(OUTBOX_RETRY_DELAYS_S[0] - 1)
    expect(await worker.runOnce()).toBe(0)
    now = later(OUTBOX_RETRY_DELAYS_S[0])
    expect(await worker.runOnce()).toBe(1)
    now = later(OUTBOX_RETRY_DELAYS_S[0] + OUTBOX_RETRY_DELAYS_S[1])
    expect(await worker.runOnce()).toBe(1)
    const [message] = await store.messages(rrn)
    expect(message).toMatchObject({ status: 'delivered', attempts: 3 })
    expect(new Set(send.calls).size).toBe(1)
    expect((await store.deliveries(message?.id ?? '')).map((d) => [d.ok, d.status_code, d.error])).toEqual([
      [false, 503, 'HTTP 503'],
      [false, null, 'timeout'],
      [true, 200, null],
    ])
  })

  it('backs off for about three days, then the message is dead and logged as an error', async () => {
    const total = OUTBOX_RETRY_DELAYS_S.reduce((sum, s) => sum + s, 0)
    expect(total / 86_400).toBeGreaterThan(2.5)
    expect(total / 86_400).toBeLessThan(3.5)
    const store = await factory.open()
    const rrn = await paid(store)
    let now = later(0)
    const { logger, records } = captureLogger()
    const send = scripted(new Error('boom'))
    const worker = startOutbox(
      { store, routes: [{ channel: 'webhook', wants: () => true, send }], clock: () => now, logger },
      { start: false },
    )
    for (let i = 0; i <= OUTBOX_RETRY_DELAYS_S.length; i++) {
      expect(await worker.runOnce()).toBe(1)
      now = new Date(now.getTime() + (OUTBOX_RETRY_DELAYS_S[i] ?? 0) * 1000)
    }
    expect(await worker.runOnce()).toBe(0)
    expect((await store.messages(rrn))[0]).toMatchObject({
      status: 'dead',
      attempts: OUTBOX_RETRY_DELAYS_S.length + 1,
      last_error: 'Error',
    })
    expect(records().find((r) => r.event === 'outbox.dead')).toMatchObject({ level: 50, client_rrn: rrn })
  })

  it('a permanent refusal is dead at once; a channel no longer configured waits with a reason', async () => {
    const store = await factory.open()
    const rrn = await paid(store, ['telegram', 'email'])
    const worker = startOutbox(
      {
        store,
        routes: [
          {
            channel: 'telegram',
            wants: () => true,
            send: scripted({ ok: false, status_code: 401, error: 'bad token', permanent: true }),
          },
        ],
        clock: () => later(0),
        logger: captureLogger().logger,
      },
      { start: false },
    )
    expect(await worker.runOnce()).toBe(2)
    const byChannel = Object.fromEntries((await store.messages(rrn)).map((m) => [m.channel, m]))
    expect(byChannel.telegram).toMatchObject({ status: 'dead', attempts: 1, last_status_code: 401 })
    expect(byChannel.email).toMatchObject({
      status: 'pending',
      last_error: 'the email channel is not configured',
    })
  })

  it('runs on its own, wakes when told, and stop() waits for a send in flight', async () => {
    const store = await factory.open()
    let release: () => void = () => {}
    const held = new Promise<void>((done) => {
      release = done
    })
    let started: () => void = () => {}
    const arrived = new Promise<void>((done) => {
      started = done
    })
    const send: Sender = async () => {
      started()
      await held
      return { ok: true }
    }
    const worker = startOutbox({
      store,
      routes: [{ channel: 'webhook', wants: () => true, send }],
      logger: captureLogger().logger,
      pollMs: 60_000,
    })
    const rrn = await paid(store, ['webhook'], new Date())
    worker.wake()
    await arrived
    const stopping = worker.stop()
    release()
    await stopping
    expect((await store.messages(rrn))[0]).toMatchObject({ status: 'delivered' })
  })
})
