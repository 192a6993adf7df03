/**
 * @module store
 * The server's ledger — orders and their events, payment attempts, the outbox and its
 * deliveries — on SQLite (embedded default) or PostgreSQL (several instances).
 */
import { parseDatabaseUrl, redactDatabaseUrl } from './database-url.ts'
import { openDatabase } from './open-database.ts'
import type { StoreOptions } from './options.ts'
import { pgStore } from './pg-store.ts'
import { sqliteStore } from './sqlite-store.ts'
import type { Store } from './types.ts'

export { DatabaseUrlError, redactDatabaseUrl } from './database-url.ts'
export type { StoreDialect, StoreLogger, StoreOptions } from './options.ts'
export type * from './reports.ts'
export { StoreBusyError } from './sqlite-store.ts'
export type * from './types.ts'

/**
 * Opens the store `databaseUrl` names. Connects lazily: call `migrate()` before use (at start).
 * @param databaseUrl `sqlite:PATH` (relative to the working directory; its folder is created),
 *   `sqlite::memory:` (tests), or `postgres://…` / `postgresql://…`.
 * @throws {DatabaseUrlError} when the URL is none of those; the message names `DATABASE_URL` and
 *   never shows the password.
 * @example
 * const store = await createStore('sqlite:./data/payments.db', { logger })
 * await store.migrate()
 */
export async function createStore(databaseUrl: string, options: StoreOptions = {}): Promise<Store> {
  const opened = await openDatabase(parseDatabaseUrl(databaseUrl), options)
  const where = redactDatabaseUrl(databaseUrl.trim())
  return opened.dialect === 'sqlite'
    ? sqliteStore(opened.sqlite, opened, { logger: options.logger, where, busyWaitMs: options.busyWaitMs })
    : pgStore(opened.pool, opened, { logger: options.logger, where })
}
