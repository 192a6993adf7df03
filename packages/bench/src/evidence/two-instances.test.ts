/**
 * Two instances on one PostgreSQL (with TEST_DATABASE_URL; skipped with a notice otherwise): two
 * server processes on one fresh schema and one shared PSP (the sandbox as its own process).
 * Checkouts spread over both all land once; 100 concurrent callbacks for one order, split across
 * both, make exactly one state transition in `order_events`, and the merchant's webhook receiver
 * gets exactly one delivery of it.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { type FreshSchema, freshSchema, postgresUrl } from '../harness/postgres.ts'
import { type Card, checkout, payWithCard, startPayment } from '../harness/sandbox-buyer.ts'
import { startSandbox } from '../harness/sandbox-process.ts'
import { type ServerProcess, startServer } from '../harness/server-process.ts'
import { startReceiver, type WebhookReceiver, webhookSecret } from '../harness/webhook-receiver.ts'

const CHECKOUTS = 200
const CALLBACKS = 100
/** How long a delivery may take to arrive, and how long after it we listen for a second one. */
const DELIVERY_WAIT_MS = 30_000
const DUPLICATE_WAIT_MS = 3_000

const url = postgresUrl()
if (!url) console.log('two instances on one PostgreSQL: skipped (set TEST_DATABASE_URL to run it)')

/** State changes recorded for an order: events whose status differs from the one before. */
async function transitions(schema: FreshSchema, clientRrn: string): Promise<string[]> {
  const rows = await schema.query<{ from_status: string | null; to_status: string }>(
    'select from_status, to_status from order_events where client_rrn = $1 and from_status is distinct from to_status order by id',
    [clientRrn],
  )
  return rows.map((row) => `${row.from_status ?? '∅'}→${row.to_status}`)
}

/** `count` callbacks at once for one payment, alternating between the instances. */
async function storm(servers: ServerProcess[], callback: string, count: number) {
  const query = new URL(callback).search
  const answers = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const server = servers[i % servers.length] as ServerProcess
      const res = await fetch(`${server.url}/api/callback${query}`, { redirect: 'manual' })
      await res.arrayBuffer()
      const location = res.headers.get('location') ?? ''
      return `${res.status} ${new URL(location, server.url).searchParams.get('portmanat_status')}`
    }),
  )
  const tally: Record<string, number> = {}
  for (const answer of answers) tally[answer] = (tally[answer] ?? 0) + 1
  return tally
}

/** Distinct deliveries of `type` for an order: waits for the first, then listens for more. */
async function deliveries(receiver: WebhookReceiver, type: string, clientRrn: string): Promise<number> {
  const ids = () =>
    new Set(receiver.deliveries.filter((d) => d.type === type && d.client_rrn === clientRrn).map((d) => d.id))
  const deadline = Date.now() + DELIVERY_WAIT_MS
  while (ids().size === 0 && Date.now() < deadline) await sleep(100)
  await sleep(DUPLICATE_WAIT_MS)
  return ids().size
}

describe.skipIf(!url)('two instances on one PostgreSQL', () => {
  test(`checkouts over both land once; ${CALLBACKS} concurrent callbacks make one transition and one delivery`, async () => {
    const schema = await freshSchema(url as string, 'evidence_two')
    const receiver = await startReceiver()
    const servers: ServerProcess[] = []
    const psp = await startSandbox('http://127.0.0.1:9/api/callback')
    try {
      const env = { PORTMANAT_PSP_URL: psp.url, WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: webhookSecret() }
      // One after the other: the second start finds the schema migrated (both would be safe).
      servers.push(await startServer({ databaseUrl: schema.url, logLevel: 'warn', env }))
      servers.push(await startServer({ databaseUrl: schema.url, logLevel: 'warn', env }))
      const [a, b] = servers as [ServerProcess, ServerProcess]

      const made: string[] = []
      let next = 0
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let i = next++; i < CHECKOUTS; i = next++) {
            made.push((await checkout((i % 2 ? a : b).url, { item: 'cheap' })).client_rrn)
          }
        }),
      )
      const stored = await schema.query<{ client_rrn: string; created: string }>(
        "select o.client_rrn, (select count(*) from order_events e where e.client_rrn = o.client_rrn and e.to_status = 'created' and e.from_status is null) as created from orders o",
      )
      const once = stored.filter((row) => made.includes(row.client_rrn) && Number(row.created) === 1).length
      console.log(
        `${CHECKOUTS} checkouts over two instances: ${new Set(made).size} distinct orders, ${once} stored with one created event`,
      )
      expect(new Set(made).size).toBe(CHECKOUTS)
      expect(once).toBe(CHECKOUTS)

      const buy = async (card: Card) => {
        const order = await checkout(a.url, { item: 'premium', return_url: `${a.url}/thanks` })
        const psp_rrn = await startPayment(order.redirect.url, order.redirect.fields)
        const callback = await payWithCard(`${psp.url}/bank`, psp_rrn, card)
        return { client_rrn: order.client_rrn, psp_rrn, callback }
      }

      const paid = await buy('paid')
      const paidAnswers = await storm(servers, paid.callback, CALLBACKS)
      const paidMoves = await transitions(schema, paid.client_rrn)
      const paidDeliveries = await deliveries(receiver, 'order.paid', paid.client_rrn)
      console.log(
        `paid card, ${CALLBACKS} callbacks over both: answers ${JSON.stringify(paidAnswers)}; transitions ${paidMoves.join(', ')}; order.paid deliveries ${paidDeliveries}`,
      )
      expect(paidAnswers).toEqual({ '303 paid': CALLBACKS })
      expect(paidMoves).toEqual(['∅→created', 'created→paid'])
      expect(paidDeliveries).toBe(1)

      const pending = await buy('pending')
      const pendingAnswers = await storm(servers, pending.callback, CALLBACKS)
      const settle = await fetch(`${psp.url}/_sandbox/settle`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ psp_rrn: pending.psp_rrn, outcome: 'paid' }),
      })
      expect(settle.status, await settle.text()).toBe(200)
      const settledAnswers = await storm(servers, pending.callback, CALLBACKS)
      const pendingMoves = await transitions(schema, pending.client_rrn)
      const pendingDeliveries = await deliveries(receiver, 'order.pending', pending.client_rrn)
      const settledDeliveries = await deliveries(receiver, 'order.paid', pending.client_rrn)
      console.log(
        `pending card: ${JSON.stringify(pendingAnswers)}, then settled paid: ${JSON.stringify(settledAnswers)}; ` +
          `transitions ${pendingMoves.join(', ')}; deliveries order.pending ${pendingDeliveries}, order.paid ${settledDeliveries}`,
      )
      expect(pendingAnswers).toEqual({ '303 pending': CALLBACKS })
      expect(settledAnswers).toEqual({ '303 paid': CALLBACKS })
      expect(pendingMoves).toEqual(['∅→created', 'created→pending', 'pending→paid'])
      expect([pendingDeliveries, settledDeliveries]).toEqual([1, 1])
    } finally {
      for (const server of servers) await server.dispose()
      await psp.stop()
      await receiver.close()
      await schema.drop()
    }
  })
})
