/**
 * The dashboard's queries at a million orders: seeds N orders (default 1 000 000; a payment
 * attempt for every paid one, a merchant reference on every tenth), then times each query the
 * dashboard makes — the first page, a page 900 000 orders deep (keyset), the same with a status
 * filter, a period, each kind of search, the three totals, the dead-delivery count — and prints
 * each as a ratio to the first page, next to the plan the engine chose (EXPLAIN QUERY PLAN /
 * EXPLAIN). `OFFSET` paging is timed as the raw baseline that keyset paging avoids.
 *
 *   pnpm --filter @portmanat-checkout/server exec tsx bench/dashboard-scale.ts            # SQLite file
 *   ORDERS=200000 TEST_DATABASE_URL=postgres://… pnpm … exec tsx bench/dashboard-scale.ts # and PostgreSQL
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { migrateToLatest } from '../src/store/migrations.ts'
import { type OrderCursor, type OrderFilter, type Reports, reports } from '../src/store/reports.ts'
import type { Database } from '../src/store/tables.ts'

const ORDERS = Number(process.env.ORDERS ?? 1_000_000)
const RUNS = Number(process.env.RUNS ?? 15)
const PAGE = 50
/** Orders are one minute apart, the newest now. */
const NOW = Date.parse('2026-11-28T10:00:00.000Z')
const createdAt = (i: number) => new Date(NOW - (ORDERS - i) * 60_000).toISOString()
const STATUSES = [
  'paid',
  'paid',
  'paid',
  'created',
  'failed',
  'expired',
  'pending',
  'paid',
  'created',
  'paid',
]
const rrnOf = (i: number) => `o${i.toString(36).padStart(23, '0')}`

interface Engine {
  name: string
  db: Kysely<Database>
  /** The statements Kysely ran since the last call (to EXPLAIN them). */
  ran(): CompiledQuery[]
  explain(query: CompiledQuery): Promise<string>
  /** Ratio baseline: the same page by OFFSET. */
  offsetPage(offset: number): Promise<unknown>
  close(): Promise<void>
}

async function sqliteEngine(): Promise<Engine> {
  const folder = await mkdtemp(join(tmpdir(), 'portmanat-scale-'))
  const sqlite = new SqliteDatabase(join(folder, 'scale.db'))
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('cache_size = -32768') // the store's own setting
  let ran: CompiledQuery[] = []
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      ran.push(event.query)
    },
  })
  await migrateToLatest(db, 'sqlite')
  const insertOrder = sqlite.prepare(
    `insert into orders (client_rrn, qepik, quantity, item_id, title, reference, status, reason, psp_rrn,
       livemode, created_at, updated_at) values (?, ?, 1, 'premium', ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertAttempt = sqlite.prepare(
    `insert into payment_attempts (client_rrn, psp_rrn, state, outcome, checks, created_at, checked_at)
     values (?, ?, 'settled', 'paid', 1, ?, ?)`,
  )
  const seed = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const status = STATUSES[i % STATUSES.length] ?? 'created'
      const at = createdAt(i)
      const psp = status === 'paid' ? `psp-${i}` : null
      insertOrder.run(
        rrnOf(i),
        100 + (i % 5000),
        `Order ${i}`,
        i % 10 === 0 ? `INV-${i}` : null,
        status,
        status === 'failed' ? 'declined' : status === 'expired' ? 'expired' : null,
        psp,
        i % 3 === 0 ? 0 : 1,
        at,
        at,
      )
      if (psp) insertAttempt.run(rrnOf(i), psp, at, at)
    }
  })
  for (let from = 0; from < ORDERS; from += 50_000) seed(from, Math.min(ORDERS, from + 50_000))
  sqlite.exec('analyze')
  return {
    name: 'sqlite (file, WAL)',
    db,
    ran: () => {
      const queries = ran
      ran = []
      return queries
    },
    async explain(query) {
      const rows = sqlite
        .prepare(`explain query plan ${query.sql}`)
        .all(...(query.parameters as unknown[])) as {
        detail: string
      }[]
      return rows.map((row) => row.detail).join(' | ')
    },
    offsetPage: async (offset) =>
      sqlite
        .prepare('select * from orders order by created_at desc, client_rrn desc limit ? offset ?')
        .all(PAGE, offset),
    async close() {
      await db.destroy()
      await rm(folder, { recursive: true, force: true })
    },
  }
}

async function postgresEngine(adminUrl: string): Promise<Engine> {
  const schema = `scale_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  const url = new URL(adminUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 })
  let ran: CompiledQuery[] = []
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      ran.push(event.query)
    },
  })
  await migrateToLatest(db, 'postgres')
  const statuses = `(array[${STATUSES.map((s) => `'${s}'`).join(',')}])[(i % ${STATUSES.length}) + 1]`
  await pool.query(`
    insert into orders (client_rrn, qepik, quantity, item_id, title, reference, status, reason, psp_rrn,
      livemode, created_at, updated_at)
    select 'o' || lpad(i::text, 23, '0'), 100 + (i % 5000), 1, 'premium', 'Order ' || i,
      case when i % 10 = 0 then 'INV-' || i end, s,
      case s when 'failed' then 'declined' when 'expired' then 'expired' end,
      case when s = 'paid' then 'psp-' || i end,
      case when i % 3 = 0 then 0 else 1 end, t, t
    from (select i, ${statuses} as s,
            to_char((timestamp '2026-11-28 10:00:00' - ((${ORDERS} - i) * interval '1 minute')),
              'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as t
          from generate_series(0, ${ORDERS - 1}) as i) as g`)
  await pool.query(`
    insert into payment_attempts (client_rrn, psp_rrn, state, outcome, checks, created_at, checked_at)
    select client_rrn, psp_rrn, 'settled', 'paid', 1, created_at, created_at from orders where psp_rrn is not null`)
  await pool.query('analyze')
  return {
    name: 'postgres',
    db,
    ran: () => {
      const queries = ran
      ran = []
      return queries
    },
    async explain(query) {
      const { rows } = await pool.query(`explain ${query.sql}`, query.parameters as unknown[])
      return rows
        .map((row: Record<string, string>) => Object.values(row)[0]?.trim() ?? '')
        .filter((line) => !line.startsWith('->') || /Scan|Index/.test(line))
        .slice(0, 4)
        .join(' | ')
    },
    offsetPage: (offset) =>
      pool.query('select * from orders order by created_at desc, client_rrn desc limit $1 offset $2', [
        PAGE,
        offset,
      ]),
    async close() {
      await db.destroy()
      await admin.query(`drop schema ${schema} cascade`)
      await admin.end()
    },
  }
}

/** Median milliseconds of `RUNS` runs (after one warm-up), and the statements of one run. */
async function time(
  engine: Engine,
  work: () => Promise<unknown>,
): Promise<{ ms: number; queries: CompiledQuery[] }> {
  engine.ran()
  await work()
  const queries = engine.ran()
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { ms: times[Math.floor(times.length / 2)] ?? 0, queries }
}

async function measure(engine: Engine) {
  const r: Reports = reports(engine.db)
  const deepIndex = Math.floor(ORDERS * 0.1) // 90 % of the orders are newer: page ~18 000
  const deep: OrderCursor = { created_at: createdAt(deepIndex), client_rrn: rrnOf(deepIndex) }
  const day = 24 * 3600_000
  const list =
    (filter: OrderFilter, page: { after?: OrderCursor; before?: OrderCursor } = {}) =>
    () =>
      r.listOrders(filter, { limit: PAGE, ...page })
  const cases: [string, () => Promise<unknown>][] = [
    ['page 1, no filter', list({})],
    [`page ${Math.round((ORDERS - deepIndex) / PAGE)} (keyset, Older)`, list({}, { after: deep })],
    ['same depth, Newer link', list({}, { before: deep })],
    ['status=paid, page 1', list({ status: ['paid'] })],
    ['status=paid, deep', list({ status: ['paid'] }, { after: deep })],
    ['one day, a year back', list({ since: new Date(NOW - 365 * day), until: new Date(NOW - 364 * day) })],
    ['search client_rrn', list({ search: rrnOf(deepIndex) })],
    ['search psp_rrn', list({ search: `psp-${deepIndex}` })],
    ['search reference', list({ search: `INV-${deepIndex}` })],
    [
      'paid total, today',
      () => r.paidTotals({ since: new Date(NOW - day / 2), until: new Date(NOW + day), livemode: true }),
    ],
    [
      'paid total, week',
      () => r.paidTotals({ since: new Date(NOW - 6 * day), until: new Date(NOW + day), livemode: true }),
    ],
    [
      'paid total, month',
      () => r.paidTotals({ since: new Date(NOW - 28 * day), until: new Date(NOW + day), livemode: true }),
    ],
    ['dead deliveries count', () => r.countMessages('dead')],
    [`baseline: OFFSET ${ORDERS - deepIndex}`, () => engine.offsetPage(ORDERS - deepIndex)],
  ]
  const results: { name: string; ms: number; plans: string[] }[] = []
  for (const [name, work] of cases) {
    const { ms, queries } = await time(engine, work)
    // The plan of each statement the dashboard ran for it (a page may also ask whether more lie beyond).
    const plans = name.startsWith('baseline')
      ? []
      : await Promise.all(queries.map((query) => engine.explain(query)))
    results.push({ name, ms, plans })
  }
  const base = results[0]?.ms ?? 1
  console.log(
    `\n${engine.name}, ${ORDERS.toLocaleString('en')} orders — median of ${RUNS} runs, as a ratio to page 1 (${base.toFixed(2)} ms)`,
  )
  for (const { name, ms, plans } of results) {
    console.log(`${name.padEnd(34)} ${(ms / base).toFixed(2).padStart(7)}×`)
    for (const plan of plans) console.log(`${''.padEnd(36)}${plan}`)
  }
}

const engines: (() => Promise<Engine>)[] = [sqliteEngine]
if (process.env.TEST_DATABASE_URL) engines.push(() => postgresEngine(process.env.TEST_DATABASE_URL ?? ''))
for (const open of engines) {
  const started = performance.now()
  const engine = await open()
  console.log(
    `${engine.name}: seeded ${ORDERS.toLocaleString('en')} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  try {
    await measure(engine)
  } finally {
    await engine.close()
  }
}
