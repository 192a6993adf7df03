/**
 * Opens SQLite (better-sqlite3) or PostgreSQL (a bounded pg pool). Kysely, for the migrations and
 * the operator's read queries, comes on the same connection when first asked for
 * (`queryBuilder()`): a server whose schema is up to date and whose dashboard nobody opens never
 * loads it (some 20 MB of modules).
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { Pool } from 'pg'
import type { DatabaseTarget } from './database-url.ts'
import type { StoreOptions } from './options.ts'
import type { Database } from './tables.ts'

export type OpenDatabase = (
  | { dialect: 'sqlite'; sqlite: SqliteDatabase.Database }
  | { dialect: 'postgres'; pool: Pool }
) & {
  /** Kysely on the same connection, made (and its modules loaded) at the first call. */
  queryBuilder(): Promise<Kysely<Database>>
  /** Whether `queryBuilder()` was ever called (so there is a Kysely instance to destroy). */
  hasQueryBuilder(): boolean
}

/** Memoises the asynchronous making of a Kysely instance. */
function lazily(make: () => Promise<Kysely<Database>>) {
  let made: Promise<Kysely<Database>> | undefined
  return {
    queryBuilder: () => {
      made ??= make()
      return made
    },
    hasQueryBuilder: () => made !== undefined,
  }
}

const MEMORY = ':memory:'

/**
 * Opens the database `target` names. Nothing is migrated yet. The `pg` driver is loaded only for
 * PostgreSQL (a SQLite server never holds it in memory).
 */
export async function openDatabase(
  target: DatabaseTarget,
  { logger, poolSize = 10, busyTimeoutMs = 10, cacheSizeKib = 8 * 1024 }: StoreOptions = {},
): Promise<OpenDatabase> {
  if (target.engine === 'sqlite') {
    const sqlite = openSqlite(target.path, busyTimeoutMs, cacheSizeKib)
    return {
      dialect: 'sqlite',
      sqlite,
      ...lazily(async () => (await import('./query-builder.ts')).sqliteQueryBuilder(sqlite)),
    }
  }
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'portmanat-checkout',
  })
  // Without a listener an idle connection that dies (database restart) would crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (error) => {
    logger?.error({ error: error.message }, 'store: an idle PostgreSQL connection failed')
  })
  return {
    dialect: 'postgres',
    pool,
    ...lazily(async () => (await import('./query-builder.ts')).postgresQueryBuilder(pool)),
  }
}

function openSqlite(path: string, busyTimeoutMs: number, cacheSizeKib: number): SqliteDatabase.Database {
  const file = path === MEMORY ? MEMORY : resolve(path)
  if (file !== MEMORY) mkdirSync(dirname(file), { recursive: true })
  let database: SqliteDatabase.Database
  try {
    database = new SqliteDatabase(file)
  } catch (error) {
    throw new Error(
      `store: cannot open the SQLite file ${file}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
  // WAL lets readers run beside the writer; FULL syncs the WAL at every commit, so an order stored
  // before the response survives a power cut (NORMAL could lose the last commits).
  database.pragma('journal_mode = WAL')
  database.pragma('synchronous = FULL')
  // SQLite's own wait for another process's lock blocks the event loop, so it is kept short; the
  // store retries asynchronously beyond it (see sqlite-store.ts).
  database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`)
  database.pragma('foreign_keys = ON')
  // Page cache (negative: KiB). New orders' keys start with their minute (clientRrnFrom), so what a
  // checkout and a poll touch is the right edge of each index: a small cache holds it at any size.
  database.pragma(`cache_size = -${Math.max(2048, Math.trunc(cacheSizeKib))}`)
  // Checkpoint the WAL every 10 000 pages (about 40 MB) rather than SQLite's 1 000: a checkpoint
  // copies each page that changed since the last one once, and a checkout rewrites the same few
  // right-edge pages, so a longer interval copies far less per order. Durability is the WAL's.
  database.pragma('wal_autocheckpoint = 10000')
  return database
}
