/**
 * Opens SQLite (better-sqlite3) or PostgreSQL (a bounded pg pool), with a Kysely instance on the
 * same connection for the migrations and the read queries of the dashboard and the CLI.
 */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  Kysely,
  type Kysely as KyselyType,
  PostgresDialect,
  type SchemaMetadata,
  SqliteDialect,
  sql,
  type TableMetadata,
} from 'kysely'
import type { Pool } from 'pg'
import type { DatabaseTarget } from './database-url.ts'
import type { StoreOptions } from './options.ts'
import type { Database } from './tables.ts'

export type OpenDatabase =
  | { dialect: 'sqlite'; db: Kysely<Database>; sqlite: SqliteDatabase.Database }
  | { dialect: 'postgres'; db: Kysely<Database>; pool: Pool }

const MEMORY = ':memory:'

/**
 * Opens the database `target` names. Nothing is migrated yet. The `pg` driver is loaded only for
 * PostgreSQL (a SQLite server never holds it in memory).
 */
export async function openDatabase(
  target: DatabaseTarget,
  { logger, poolSize = 10, busyTimeoutMs = 10, cacheSizeKib = 32 * 1024 }: StoreOptions = {},
): Promise<OpenDatabase> {
  if (target.engine === 'sqlite') {
    const sqlite = openSqlite(target.path, busyTimeoutMs, cacheSizeKib)
    return { dialect: 'sqlite', sqlite, db: new Kysely({ dialect: new SqliteDialect({ database: sqlite }) }) }
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
  return { dialect: 'postgres', pool, db: new Kysely({ dialect: new OwnSchemaPostgresDialect({ pool }) }) }
}

/**
 * Kysely's PostgreSQL introspection (which its migrator uses to see whether its own tables exist)
 * reads the columns of every table in every schema of the database: slow on a database shared
 * with other applications, and it fails outright when another schema's table is dropped while it
 * reads. Ours looks at the connection's own schema only, which is all the migrator needs.
 */
class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: KyselyType<unknown>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db)
  }
}

class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: KyselyType<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.db)
    return rows
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; is_view: boolean }>`
      select table_name as name, table_schema as schema, table_type = 'VIEW' as is_view
      from information_schema.tables where table_schema = current_schema()`.execute(this.db)
    return rows.map((row) => ({ name: row.name, schema: row.schema, isView: row.is_view, columns: [] }))
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() }
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
  // Enough page cache for the indexes of a large ledger (negative: KiB).
  database.pragma(`cache_size = -${Math.max(2048, Math.trunc(cacheSizeKib))}`)
  return database
}
