/**
 * Store throughput: orders inserted and transitioned per second on each engine, 2 000 orders each
 * with 20 calls in flight. SQLite on a temp file (WAL, synchronous=FULL: every commit is synced)
 * and in memory for reference; PostgreSQL when TEST_DATABASE_URL is set, in a throwaway schema.
 *
 *   pnpm --filter @portmanat-checkout/server exec tsx bench/store-bench.ts
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { createStore, type NewOrder, type Store } from '../src/store/index.ts'

const ORDERS = 2000
const IN_FLIGHT = 20

interface Target {
  name: string
  url: string
  cleanup(): Promise<void>
}

async function targets(): Promise<Target[]> {
  const folder = await mkdtemp(join(tmpdir(), 'portmanat-bench-'))
  const list: Target[] = [
    {
      name: 'sqlite file',
      url: `sqlite:${join(folder, 'bench.db')}`,
      cleanup: () => rm(folder, { recursive: true }),
    },
    { name: 'sqlite memory', url: 'sqlite::memory:', cleanup: async () => {} },
  ]
  const admin = process.env.TEST_DATABASE_URL
  if (admin) {
    const schema = `store_bench_${randomBytes(4).toString('hex')}`
    const run = async (statement: string) => {
      const client = new pg.Client({ connectionString: admin })
      await client.connect()
      await client.query(statement).finally(() => client.end())
    }
    await run(`create schema ${schema}`)
    const url = new URL(admin)
    url.searchParams.set('options', `-c search_path=${schema}`)
    list.push({ name: 'postgres', url: url.toString(), cleanup: () => run(`drop schema ${schema} cascade`) })
  }
  return list
}

/** Runs `work` on every item with at most IN_FLIGHT calls at once; returns calls per second. */
async function rate<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<number> {
  const queue = [...items]
  const started = performance.now()
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item)
    }),
  )
  return items.length / ((performance.now() - started) / 1000)
}

const order = (i: number): NewOrder => ({
  client_rrn: randomBytes(12).toString('hex'),
  qepik: 100 + i,
  livemode: false,
  item_id: 'premium',
  title: 'Premium',
  description: null,
  reference: null,
  return_url: null,
  locale: 'az',
  client_ip: '127.0.0.1',
  idempotency_key: `bench-${i}`,
  request_hash: null,
  order_token: null,
})

async function bench(target: Target): Promise<void> {
  let store: Store | undefined
  try {
    store = await createStore(target.url)
    await store.migrate()
    const orders = Array.from({ length: ORDERS }, (_, i) => order(i))
    const now = new Date()
    const live = store
    const inserts = await rate(orders, (o) => live.insertOrder(o, now))
    const transitions = await rate(orders, (o) =>
      live.transition(o.client_rrn, { from: ['created'], to: 'paid', psp_rrn: 'P' }, now),
    )
    const repeats = await rate(orders, (o) => live.insertOrder(o, now))
    console.log(
      `${target.name.padEnd(14)} inserts ${inserts.toFixed(0).padStart(6)}/s   transitions ${transitions.toFixed(0).padStart(6)}/s   idempotent repeats ${repeats.toFixed(0).padStart(6)}/s`,
    )
  } finally {
    await store?.close()
    await target.cleanup()
  }
}

console.log(`${ORDERS} orders, ${IN_FLIGHT} calls in flight`)
for (const target of await targets()) await bench(target)
