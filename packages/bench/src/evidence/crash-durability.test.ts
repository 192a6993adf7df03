/**
 * Crash durability: the real server on a SQLite file under concurrent checkouts and callbacks,
 * killed with SIGKILL at a random moment, restarted on the same file, several times. Every order
 * the server answered 201 for and every state change a callback answered with must be there
 * after each crash, the file must pass `PRAGMA integrity_check`, and no order may make one
 * transition twice. Once the server has an `outbox` table (issue 8): no outbox row disappears,
 * every acknowledged change has one, and each is delivered to the webhook receiver after the
 * last restart.
 */

import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { type Card, prepareOne } from '../harness/sandbox-buyer.ts'
import { startServer } from '../harness/server-process.ts'
import { startReceiver, webhookSecret } from '../harness/webhook-receiver.ts'
import { type Acknowledged, problems } from './crash-checks.ts'
import { allowedAfter, readLedger } from './ledger-reader.ts'

const CYCLES = 5
const CHECKOUT_WORKERS = 3
const BUYER_WORKERS = 3
const CARDS: Card[] = ['paid', 'declined', 'pending']
/** How long the outbox may take to deliver everything after the last restart. */
const DELIVERY_WAIT_MS = 90_000

/** Checkout and buyer workers against `url` until stopped; they record only what was answered. */
function startLoad(url: string, acked: Acknowledged) {
  let stopped = false
  let errors = 0
  const checkouts = Array.from({ length: CHECKOUT_WORKERS }, async () => {
    while (!stopped) {
      try {
        const res = await fetch(`${url}/api/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ item: 'premium' }),
        })
        const body = (await res.json()) as { client_rrn?: string }
        if (res.status === 201 && body.client_rrn) acked.orders.add(body.client_rrn)
      } catch {
        errors += 1
        await sleep(20)
      }
    }
  })
  let n = 0
  const buyers = Array.from({ length: BUYER_WORKERS }, async () => {
    while (!stopped) {
      try {
        const card = CARDS[n++ % CARDS.length] ?? 'paid'
        const order = await prepareOne(url, card, { item: 'cheap', return_url: `${url}/thanks` })
        acked.orders.add(order.client_rrn)
        const res = await fetch(order.callback, { redirect: 'manual' })
        await res.arrayBuffer()
        const status = new URL(res.headers.get('location') ?? '/', url).searchParams.get('portmanat_status')
        if (res.status === 303 && status) acked.changes.set(order.client_rrn, status)
      } catch {
        errors += 1
        await sleep(20)
      }
    }
  })
  return {
    async stop() {
      stopped = true
      await Promise.all([...checkouts, ...buyers])
      return errors
    },
  }
}

describe('crash durability', () => {
  test(`kill -9 under load, ${CYCLES} times: nothing acknowledged is lost`, async () => {
    const receiver = await startReceiver()
    const server = await startServer({
      logLevel: 'warn',
      env: { WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: webhookSecret() },
    })
    const file = join(server.dataDir, 'payments.db')
    const acked: Acknowledged = { orders: new Set(), changes: new Map() }
    const seenOutbox = new Set<string>()
    let outbox = false
    try {
      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        const load = startLoad(server.url, acked)
        const after = 400 + Math.floor(Math.random() * 2600)
        await sleep(after)
        await server.kill()
        const errors = await load.stop()
        const ledger = readLedger(file)
        outbox ||= ledger.outbox !== undefined
        const wrong = problems(ledger, acked, seenOutbox)
        console.log(
          `cycle ${cycle}: SIGKILL after ${after} ms; acknowledged so far ${acked.orders.size} orders and ${acked.changes.size} state changes; ` +
            `${ledger.orders.size} orders in the file; integrity ${ledger.integrity}; ${wrong.length} problems` +
            `${ledger.outbox ? `; outbox ${ledger.outbox.rows.length} rows` : ''} (${errors} requests cut off by the kill)`,
        )
        expect(wrong.slice(0, 20)).toEqual([])

        await server.start()
        // The restarted server answers for every acknowledged order, over HTTP as the widget asks.
        const missing: string[] = []
        for (const rrn of acked.orders) {
          const res = await fetch(`${server.url}/api/payments/${rrn}`)
          const body = (await res.json()) as { status?: string }
          const ackedStatus = acked.changes.get(rrn) ?? 'created'
          if (res.status !== 200 || !allowedAfter(ackedStatus).includes(body.status ?? '')) {
            missing.push(`${rrn}: ${res.status} ${body.status} (acknowledged ${ackedStatus})`)
          }
        }
        expect(missing.slice(0, 20)).toEqual([])
      }
      expect(acked.changes.size).toBeGreaterThan(0)

      const expected = [...acked.changes]
        .filter(([, status]) => status !== 'created')
        .map(([rrn, status]) => `order.${status} ${rrn}`)
      const delivered = () => new Set(receiver.deliveries.map((d) => `${d.type} ${d.client_rrn}`))
      if (outbox) {
        const deadline = Date.now() + DELIVERY_WAIT_MS
        while (Date.now() < deadline && expected.some((e) => !delivered().has(e))) await sleep(500)
        const undelivered = expected.filter((e) => !delivered().has(e))
        console.log(
          `outbox: ${expected.length - undelivered.length} of ${expected.length} acknowledged changes delivered after the last restart`,
        )
        expect(undelivered.slice(0, 20)).toEqual([])
      } else {
        const got = expected.filter((e) => delivered().has(e)).length
        console.log(
          `no outbox table yet (issue 8): webhooks live in memory, ${got} of ${expected.length} acknowledged changes were delivered (not checked)`,
        )
      }
    } finally {
      await server.dispose()
      await receiver.close()
    }
  })
})
