/**
 * The dashboard stays fast at a million orders because every list it shows is one range of an
 * index, whatever the page: asserted here on SQLite's own plans (EXPLAIN QUERY PLAN) for the
 * statements the dashboard's queries run. The timings at 1 000 000 orders, as ratios to the first
 * page, come from `bench/dashboard-scale.ts`.
 */
import SqliteDatabase from 'better-sqlite3'
import { type CompiledQuery, Kysely, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import { migrateToLatest } from '../store/migrations.ts'
import { type OrderFilter, reports } from '../store/reports.ts'
import type { Database } from '../store/tables.ts'

const ORDERS = 3000
const rrnOf = (i: number) => `o${i.toString(36).padStart(23, '0')}`
const at = (i: number) => new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 60_000).toISOString()

async function ledger() {
  const sqlite = new SqliteDatabase(':memory:')
  const ran: CompiledQuery[] = []
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      ran.push(event.query)
    },
  })
  await migrateToLatest(db, 'sqlite')
  const insert = sqlite.prepare(
    `insert into orders (client_rrn, qepik, title, reference, status, livemode, created_at, updated_at)
     values (?, 100, 'x', ?, ?, 1, ?, ?)`,
  )
  const attempt = sqlite.prepare(
    `insert into payment_attempts (client_rrn, psp_rrn, state, checks, created_at) values (?, ?, 'settled', 1, ?)`,
  )
  sqlite.transaction(() => {
    for (let i = 0; i < ORDERS; i++) {
      insert.run(rrnOf(i), i % 10 === 0 ? `INV-${i}` : null, i % 2 ? 'paid' : 'created', at(i), at(i))
      if (i % 2) attempt.run(rrnOf(i), `psp-${i}`, at(i))
    }
  })()
  sqlite.exec('analyze')
  /** The plan of every statement `work` runs. */
  async function plans(work: () => Promise<unknown>): Promise<string[]> {
    ran.length = 0
    await work()
    return ran.map((query) =>
      (
        sqlite.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as {
          detail: string
        }[]
      )
        .map((row) => row.detail)
        .join(' | '),
    )
  }
  return { r: reports(db), plans }
}

describe('the dashboard’s queries at scale (SQLite plans)', () => {
  it('reads a deep page, either way, as one range of the keyset index: no scan, no sort', async () => {
    const { r, plans } = await ledger()
    const deep = { created_at: at(100), client_rrn: rrnOf(100) }
    const cases: [string, OrderFilter, object, RegExp][] = [
      ['first page', {}, {}, /orders_created/],
      [
        'older',
        {},
        { after: deep },
        /SEARCH orders USING (COVERING )?INDEX orders_created \(\(created_at,client_rrn\)<\(\?,\?\)\)/,
      ],
      [
        'newer',
        {},
        { before: deep },
        /SEARCH orders USING (COVERING )?INDEX orders_created \(\(created_at,client_rrn\)>\(\?,\?\)\)/,
      ],
      [
        'paid, older',
        { status: ['paid'] },
        { after: deep },
        /INDEX orders_status_created \(status=\? AND \(created_at,client_rrn\)<\(\?,\?\)\)/,
      ],
      [
        'a period',
        { since: new Date(at(10)), until: new Date(at(20)) },
        {},
        /INDEX orders_created \(created_at>\? AND created_at<\?\)/,
      ],
    ]
    for (const [name, filter, page, expected] of cases) {
      const [main, ...rest] = await plans(() => r.listOrders(filter, { limit: 50, ...page }))
      expect(main, name).toMatch(expected)
      for (const plan of [main, ...rest]) {
        expect(plan, name).not.toMatch(/TEMP B-TREE|SCAN orders(?! USING)/)
      }
    }
  })

  it('finds a reference through indexes only: client_rrn, the merchant’s reference, any psp_rrn', async () => {
    const { r, plans } = await ledger()
    for (const search of [rrnOf(7), 'INV-40', 'psp-41']) {
      const [plan = ''] = await plans(() => r.listOrders({ search }, { limit: 50 }))
      expect(plan).toMatch(/SEARCH orders USING INDEX sqlite_autoindex_orders_1 \(client_rrn=\?\)/)
      expect(plan).toMatch(/SEARCH orders USING INDEX orders_reference \(reference=\?\)/)
      expect(plan).toMatch(/SEARCH payment_attempts USING INDEX payment_attempts_psp_rrn \(psp_rrn=\?\)/)
      expect(plan).not.toMatch(/SCAN orders(?! USING)|SCAN payment_attempts/)
      expect((await r.listOrders({ search }, { limit: 50 })).orders).toHaveLength(1)
    }
  })

  it('totals a period from the status index, reading only that period’s paid orders', async () => {
    const { r, plans } = await ledger()
    const [plan] = await plans(() =>
      r.paidTotals({ since: new Date(at(10)), until: new Date(at(20)), livemode: true }),
    )
    expect(plan).toMatch(
      /SEARCH orders USING INDEX orders_status_created \(status=\? AND created_at>\? AND created_at<\?\)/,
    )
    expect(await r.paidTotals({ since: new Date(at(10)), until: new Date(at(20)), livemode: true })).toEqual({
      count: 5,
      qepik: 500,
    })
  })
})
