/**
 * Opens a Kysely instance on SQLite (better-sqlite3) or PostgreSQL (a bounded pg pool). The only
 * engine-specific code of the store besides one column in the migrations.
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { DatabaseTarget } from './database-url.ts'
import type { StoreDialect, StoreOptions } from './options.ts'
import type { Database } from './tables.ts'

export interface OpenDatabase {
  db: Kysely<Database>
  dialect: StoreDialect
}

const MEMORY = ':memory:'

/** Opens the database `target` names. Nothing is migrated yet. */
export function openDatabase(
  target: DatabaseTarget,
  { logger, poolSize = 10, busyTimeoutMs = 5000 }: StoreOptions = {},
): OpenDatabase {
  if (target.engine === 'sqlite') {
    return {
      db: new Kysely({ dialect: new SqliteDialect({ database: openSqlite(target.path, busyTimeoutMs) }) }),
      dialect: 'sqlite',
    }
  }
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
  return { db: new Kysely({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' }
}

function openSqlite(path: string, busyTimeoutMs: number): SqliteDatabase.Database {
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
  database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`)
  database.pragma('foreign_keys = ON')
  return database
}
