/**
 * The SQLite files the bench runs on: the server's own empty schema (made by letting the server
 * migrate an empty file), and copies of it holding many final orders, seeded with raw prepared
 * INSERTs in big transactions before any server opens them. A seeded file is cached under the OS
 * temp folder, keyed by the schema and the seed's own version, so a second run reuses it.
 */
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clientRrnFrom } from '@portmanat-checkout/shared'
import Database from 'better-sqlite3'
import { attemptRow, eventRow, type Insert, orderRow, sqliteInsert } from '../baselines/same-writes.ts'
import { statements } from '../baselines/statements.ts'
import { CATALOG } from '../harness/catalog.ts'
import { startServer } from '../harness/server-process.ts'

/** Bump when the seeded rows change shape or meaning. */
const SEED_VERSION = 3
const CACHE_DIR = join(tmpdir(), 'portmanat-bench-cache')

export interface Template {
  /** An empty database as the server migrates it. */
  file: string
  /** sha256 of the schema (`sqlite_master`), so cached seeds follow the server's migrations. */
  schemaKey: string
}

/** Starts the real server on an empty folder, stops it, and keeps the database it made. */
export async function migratedTemplate(dir: string): Promise<Template> {
  const server = await startServer({ dataDir: dir })
  await server.stop()
  const file = join(dir, 'payments.db')
  const db = new Database(file, { readonly: true })
  const schema = db.prepare('select type, name, tbl_name, sql from sqlite_master order by type, name').all()
  db.close()
  return { file, schemaKey: createHash('sha256').update(JSON.stringify(schema)).digest('hex') }
}

const YEAR_MS = 365 * 24 * 3600 * 1000
/** The seeded orders were made over the year before this moment (fixed, so a cached seed and the
 * lookups of a later run agree on every client_rrn). */
const SEED_END = Date.parse('2026-11-01T00:00:00Z')

/** When the `i`-th of `count` seeded orders was made: evenly over the seed's year. */
const seededTime = (i: number, count: number) =>
  new Date(SEED_END - YEAR_MS + Math.floor((i * YEAR_MS) / count))

/**
 * The `i`-th of `count` seeded orders' client_rrn, made as the server makes one (the minute it was
 * made, then random characters), its randomness drawn from a hash of `i` so that it can be found again.
 */
export function seededRrn(i: number, count: number): string {
  let round = 0
  const bytes = (n: number) => {
    const out = new Uint8Array(n)
    for (let at = 0; at < n; at += 32, round++) {
      out.set(
        createHash('sha256')
          .update(`portmanat-bench-${i}-${round}`)
          .digest()
          .subarray(0, n - at),
        at,
      )
    }
    return out
  }
  return clientRrnFrom(bytes, seededTime(i, count))
}

/**
 * The rows of the `i`-th seeded order: a final order (paid, failed or expired), its two events
 * and, when it reached the PSP, its settled payment attempt.
 */
function seededRows(i: number, count: number): Insert[] {
  const client_rrn = seededRrn(i, count)
  const [itemId, item] = i % 3 === 0 ? ['cheap', CATALOG.cheap] : ['premium', CATALOG.premium]
  const created = seededTime(i, count).toISOString()
  const settled = new Date(Date.parse(created) + 90_000).toISOString()
  const kind = i % 10
  const status = kind < 7 ? 'paid' : kind < 9 ? 'failed' : 'expired'
  const reason = status === 'paid' ? null : status === 'failed' ? 'declined' : 'expired'
  const psp_rrn =
    status === 'expired'
      ? null
      : `${Math.floor(Date.parse(created) / 1000)}-${client_rrn.slice(0, 6)}-${client_rrn.slice(6, 12)}-${client_rrn.slice(12, 18)}`
  const order = {
    client_rrn,
    qepik: item.qepik,
    item_id: itemId,
    title: item.title,
    description: 'description' in item ? item.description : null,
    return_url: i % 2 === 0 ? 'https://shop.example.az/thanks' : null,
    client_ip: `203.0.${(i >> 8) & 255}.${i & 255}`,
  }
  const detail = psp_rrn ? JSON.stringify({ code: status === 'paid' ? 0 : -1, psp_rrn }) : null
  return [
    {
      table: 'orders',
      row: orderRow(order, created, status, {
        reason,
        psp_rrn,
        bank_rrn: status === 'paid' ? client_rrn.slice(0, 28) : null,
        locale: (['az', 'en', 'ru'] as const)[i % 3] ?? null,
        updated_at: settled,
      }),
    },
    { table: 'order_events', row: eventRow(client_rrn, null, 'created', created) },
    { table: 'order_events', row: eventRow(client_rrn, 'created', status, settled, { detail, reason }) },
    ...(psp_rrn
      ? [
          {
            table: 'payment_attempts',
            row: {
              ...attemptRow(client_rrn, psp_rrn, created, settled),
              state: 'settled',
              outcome: status === 'paid' ? 'paid' : 'declined',
              checks: 1,
              next_check_at: null,
              checked_at: settled,
            },
          },
        ]
      : []),
  ]
}

/** Inserts orders `from`…`to - 1` of a seed of `count` into `file` (an already migrated database). */
export function seed(file: string, from: number, to: number, count = to): void {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  const prepare = statements(db)
  const batch = db.transaction((start: number, end: number) => {
    for (let i = start; i < end; i++) {
      for (const insert of seededRows(i, count)) {
        const { sql, params } = sqliteInsert(insert)
        prepare(sql).run(...params)
      }
    }
  })
  for (let start = from; start < to; start += 50_000) batch(start, Math.min(to, start + 50_000))
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}

/**
 * A copy at `target` of the template holding `count` seeded orders; large seeds come from the
 * cache (made on first use, about a minute for a million orders).
 */
export function seededCopy(template: Template, count: number, target: string, log: (line: string) => void) {
  if (count < 50_000) {
    copyFileSync(template.file, target)
    seed(target, 0, count)
    return
  }
  mkdirSync(CACHE_DIR, { recursive: true })
  const name = `orders-${count}-v${SEED_VERSION}-${template.schemaKey.slice(0, 16)}.db`
  const cached = join(CACHE_DIR, name)
  if (!existsSync(cached)) {
    // One seed at a time on disk: older schemas' files are of no further use.
    for (const old of readdirSync(CACHE_DIR))
      if (old.startsWith('orders-')) rmSync(join(CACHE_DIR, old), { force: true })
    log(`seeding ${count.toLocaleString('en')} orders into ${cached} (cached for later runs)…`)
    const started = performance.now()
    const partial = `${cached}.${process.pid}.partial`
    copyFileSync(template.file, partial)
    seed(partial, 0, count)
    renameSync(partial, cached)
    log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  }
  copyFileSync(cached, target)
}
