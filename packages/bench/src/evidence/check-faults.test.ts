/**
 * `/check` faults under load: the sandbox's fault injection (latency, 500, 503, malformed JSON, a
 * dropped connection, a hanging one) switched on phase after phase through `/_sandbox/faults`
 * while callbacks and the widget's polls run concurrently. No answer of ours may be a 5xx and no
 * order may be settled against what the PSP says. Then the faults stop, the PSP settles the
 * pending payments, and the server's own follow-up job (not a poll, not a callback) must bring
 * each order to the PSP's answer when its attempt falls due. The job backs off after each failed
 * check, so an order whose buyer came back several times during the faults may be due only
 * minutes later: within the watched time each order must be settled as the PSP says or still be
 * scheduled (never lost), and none may be left overdue.
 */

import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { type Card, type Prepared, prepareOrders } from '../harness/sandbox-buyer.ts'
import { startServer } from '../harness/server-process.ts'
import { type Attempt, type Ledger, readAttempts, readLedger } from './ledger-reader.ts'

const ORDERS = 30
const CALLBACK_WORKERS = 10
const POLLERS = 3
/** Each fault is on this long, with a share of the orders whose buyers first come back during it. */
const PHASE_MS = 1_200
const FAULTS = [
  { status: 503 },
  { status: 500 },
  { malformed: true },
  { drop: true },
  { latencyMs: 400, status: 502 },
  // Last: a hung /check holds a callback 5 s per attempt, and its retries meet the drain fault.
  { hang: true },
] as const
/** Left on while the callbacks still in flight finish (a hung one retries for ~16 s). */
const DRAIN_FAULT = { status: 503 }
/**
 * How long after the faults the suite watches the follow-up job (every 5 s; an attempt is asked
 * 10 s, 30 s, 60 s, 5 min… after each failed check). Orders whose next check falls later are
 * reported with it, and must at least still be scheduled.
 */
const SETTLE_WAIT_MS = 90_000
/** An attempt due this long ago and still not asked means the job is not doing its work. */
const OVERDUE_MS = 12_000
/**
 * Any one request of the suite: longer than a callback held by a hung /check (three attempts of
 * 5 s and their backoff, about 16 s), so only a server that stopped answering reaches it.
 */
const REQUEST_TIMEOUT_MS = 20_000
/** For the callback workers to take every order's first callback (a hung /check holds each ~16 s). */
const FRESH_WAIT_MS = 90_000

const bounded = () => ({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })

/** What `/_sandbox/payments` says a client would see now. */
type Truth = 'created' | 'pending' | 'paid' | 'failed'

/** Ledger states consistent with the PSP's `truth` (behind it is fine, against it is not). */
const consistent: Record<Truth, readonly string[]> = {
  created: ['created', 'pending'],
  pending: ['created', 'pending'],
  paid: ['created', 'pending', 'paid'],
  failed: ['created', 'pending', 'failed'],
}

async function setFaults(url: string, faults: Record<string, unknown>) {
  const res = await fetch(`${url}/sandbox/_sandbox/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
    ...bounded(),
  })
  expect(res.status, await res.text()).toBe(200)
}

async function truthOf(url: string, orders: Prepared[]): Promise<Map<string, Truth>> {
  const res = await fetch(`${url}/sandbox/_sandbox/payments`, bounded())
  const { payments } = (await res.json()) as { payments: { client_rrn: string; status: Truth }[] }
  const mine = new Set(orders.map((o) => o.client_rrn))
  return new Map(payments.filter((p) => mine.has(p.client_rrn)).map((p) => [p.client_rrn, p.status]))
}

/** Orders the ledger settled against the PSP, or moved into a state the PSP contradicts. */
function wrong(ledger: Ledger, truth: Map<string, Truth>): string[] {
  const found: string[] = []
  for (const [rrn, psp] of truth) {
    const status = ledger.orders.get(rrn)?.status ?? 'missing'
    if (!consistent[psp].includes(status)) found.push(`${rrn}: ledger ${status}, PSP ${psp}`)
    const reached = (ledger.transitions.get(rrn) ?? []).map((t) => t.to)
    if (psp === 'paid' && reached.includes('failed')) found.push(`${rrn}: was failed, PSP says paid`)
    if (psp === 'failed' && reached.includes('paid')) found.push(`${rrn}: was paid, PSP says failed`)
  }
  return found
}

/** The server's own account of why /check could not be asked, by reason (from its warn lines). */
function unavailable(log: string): Record<string, number> {
  const reasons: Record<string, number> = {}
  for (const line of log.split('\n')) {
    if (!/check[._]unavailable/.test(line)) continue
    try {
      const why = String((JSON.parse(line) as { why?: unknown }).why ?? 'unknown')
      const reason = why.replace(/\d+ ms/, 'N ms').slice(0, 40)
      reasons[reason] = (reasons[reason] ?? 0) + 1
    } catch {
      // a line cut by the output buffer
    }
  }
  return reasons
}

describe('/check faults under load', () => {
  test('no 5xx and nothing settled wrongly while /check fails; then the follow-up job settles what is due and loses nothing', async () => {
    const server = await startServer({ logLevel: 'warn' })
    const file = join(server.dataDir, 'payments.db')
    const statuses: Record<string, number> = {}
    const count = (what: string, status: number | string) => {
      const key = `${what} ${status}`
      statuses[key] = (statuses[key] ?? 0) + 1
    }
    try {
      const cards: Card[] = ['paid', 'declined', 'pending']
      const orders = await prepareOrders(server.url, ORDERS, (i) => cards[i % 3] ?? 'paid', {
        body: { item: 'premium', return_url: `${server.url}/thanks` },
      })

      let stopped = false
      // Each phase brings orders whose buyers come back during it; earlier ones come back again.
      const fresh: Prepared[] = []
      const called: Prepared[] = []
      const returned = new Map<string, Set<string>>()
      const callbacks = Array.from({ length: CALLBACK_WORKERS }, async () => {
        while (!stopped) {
          const order = fresh.shift() ?? called[Math.floor(Math.random() * called.length)]
          if (!order) {
            await sleep(20)
            continue
          }
          if (!called.includes(order)) called.push(order)
          try {
            const res = await fetch(order.callback, { redirect: 'manual', ...bounded() })
            await res.arrayBuffer()
            count('callback', res.status)
            const said = new URL(res.headers.get('location') ?? '/', server.url).searchParams.get(
              'portmanat_status',
            )
            if (said) returned.set(order.client_rrn, (returned.get(order.client_rrn) ?? new Set()).add(said))
          } catch (error) {
            count('callback', `error ${error instanceof Error ? error.message : error}`)
          }
        }
      })
      const polls = Array.from({ length: POLLERS }, async () => {
        while (!stopped) {
          const order = called[Math.floor(Math.random() * called.length)]
          if (!order) {
            await sleep(50)
            continue
          }
          try {
            const res = await fetch(`${server.url}/api/payments/${order.client_rrn}`, bounded())
            await res.arrayBuffer()
            count('poll', res.status)
          } catch (error) {
            count('poll', `error ${error instanceof Error ? error.message : error}`)
          }
          await sleep(50)
        }
      })

      const perPhase = Math.ceil(orders.length / FAULTS.length)
      for (const [phase, fault] of FAULTS.entries()) {
        await setFaults(server.url, fault)
        fresh.push(...orders.slice(phase * perPhase, (phase + 1) * perPhase))
        await sleep(PHASE_MS)
      }
      // Every order's buyer comes back at least once while /check fails; then the load stops and
      // what is in flight finishes, still failing.
      const freshDeadline = Date.now() + FRESH_WAIT_MS
      while (fresh.length > 0) {
        if (Date.now() > freshDeadline) {
          stopped = true
          throw new Error(
            `${fresh.length} of ${orders.length} orders' buyers never came back within ${FRESH_WAIT_MS / 1000} s of the faults: the callbacks hang (so far ${JSON.stringify(statuses)})`,
          )
        }
        await sleep(50)
      }
      await setFaults(server.url, DRAIN_FAULT)
      stopped = true
      await Promise.all([...callbacks, ...polls])
      console.log(
        `during faults: ${JSON.stringify(statuses)}; why /check failed, from the server's log: ${JSON.stringify(unavailable(server.output()))}`,
      )

      const during = await truthOf(server.url, orders)
      const ledger = readLedger(file)
      const bad = wrong(ledger, during)
      for (const [rrn, said] of returned) {
        const psp = during.get(rrn)
        if (said.has('paid') && psp !== 'paid') bad.push(`${rrn}: the buyer was told paid, PSP ${psp}`)
        if (said.has('failed') && psp !== 'failed') bad.push(`${rrn}: the buyer was told failed, PSP ${psp}`)
      }
      const byState = (l: Ledger) => {
        const tally: Record<string, number> = {}
        for (const o of orders) {
          const s = l.orders.get(o.client_rrn)?.status ?? 'missing'
          tally[s] = (tally[s] ?? 0) + 1
        }
        return JSON.stringify(tally)
      }
      console.log(`while /check failed: ledger ${byState(ledger)}; ${bad.length} orders against the PSP`)
      expect(Object.keys(statuses).filter((k) => / 5\d\d$/.test(k))).toEqual([])
      expect(Object.keys(statuses).filter((k) => k.includes('error'))).toEqual([])
      expect(bad).toEqual([])

      await fetch(`${server.url}/sandbox/_sandbox/faults`, { method: 'DELETE', ...bounded() }).then((r) =>
        r.arrayBuffer(),
      )
      const cleared = Date.now()
      // The PSP settles what is still pending at the bank: half paid, half declined.
      const pending = orders.filter((o) => during.get(o.client_rrn) === 'pending')
      for (const [i, order] of pending.entries()) {
        const res = await fetch(`${server.url}/sandbox/_sandbox/settle`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ psp_rrn: order.psp_rrn, outcome: i % 2 ? 'failed' : 'paid' }),
          ...bounded(),
        })
        await res.arrayBuffer()
      }
      const truth = await truthOf(server.url, orders)
      const deadline = cleared + SETTLE_WAIT_MS
      let last = readLedger(file)
      let attempts = readAttempts(file)
      const unsettled = () =>
        orders.filter((o) => last.orders.get(o.client_rrn)?.status !== truth.get(o.client_rrn))
      /** When the follow-up job will next ask about an order (its earliest scheduled attempt). */
      const nextCheck = (o: Prepared) => {
        const times = (attempts?.get(o.client_rrn) ?? [])
          .map((a: Attempt) => a.next_check_at)
          .filter((t): t is string => t !== null)
          .map(Date.parse)
        return times.length > 0 ? Math.min(...times) : undefined
      }
      // Watch until everything is settled, or nothing left is due before the deadline.
      while (unsettled().length > 0 && Date.now() < deadline) {
        if (attempts && unsettled().every((o) => (nextCheck(o) ?? 0) > deadline)) break
        await sleep(1_000)
        last = readLedger(file)
        attempts = readAttempts(file)
      }
      const open = unsettled()
      const lost = open.filter((o) => attempts === undefined || nextCheck(o) === undefined)
      const overdue = open.filter((o) => (nextCheck(o) ?? Number.POSITIVE_INFINITY) < Date.now() - OVERDUE_MS)
      const later = open.filter((o) => !lost.includes(o) && !overdue.includes(o))
      const laterChecks = later.flatMap((o) => attempts?.get(o.client_rrn) ?? []).map((a) => a.checks)
      console.log(
        `follow-up job: ${orders.length - open.length} of ${orders.length} orders as the PSP says ` +
          `${((Date.now() - cleared) / 1000).toFixed(0)} s after the faults stopped; ledger ${byState(last)}` +
          (later.length > 0
            ? `; ${later.length} still open with their next check ${later
                .map((o) => `+${(((nextCheck(o) ?? 0) - cleared) / 1000).toFixed(0)} s`)
                .join(
                  ', ',
                )} after the faults stopped (backoff after ${Math.max(...laterChecks)} failed checks)`
            : ''),
      )
      const describe = (o: Prepared) =>
        `${o.client_rrn}: ledger ${last.orders.get(o.client_rrn)?.status}, PSP ${truth.get(o.client_rrn)}, attempts ${JSON.stringify(attempts?.get(o.client_rrn))}`
      expect(lost.map(describe), 'open orders with no follow-up scheduled').toEqual([])
      expect(overdue.map(describe), 'orders the follow-up job should have asked about by now').toEqual([])
      // The follow-up asks about a reference by its age (every 10 s in its first minute, every
      // minute up to ten), so everything the PSP settled is settled here within the wait.
      expect(open.map(describe), 'orders not yet as the PSP says').toEqual([])
      expect(wrong(last, truth)).toEqual([])
      expect(last.integrity).toBe('ok')
    } finally {
      await server.dispose()
    }
  })
})
