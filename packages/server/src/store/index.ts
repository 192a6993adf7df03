/**
 * @module store
 * The server's ledger of orders and their events, on SQLite (embedded default) or PostgreSQL
 * (several instances), through one Kysely query layer.
 */
import { parseDatabaseUrl, redactDatabaseUrl } from './database-url.ts'
import { kyselyStore } from './kysely-store.ts'
import { openDatabase } from './open-database.ts'
import type { StoreOptions } from './options.ts'
import type { Store } from './types.ts'

export { DatabaseUrlError, redactDatabaseUrl } from './database-url.ts'
export type { StoreDialect, StoreLogger, StoreOptions } from './options.ts'
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
  const { db, dialect } = openDatabase(parseDatabaseUrl(databaseUrl), options)
  return kyselyStore(db, dialect, { logger: options.logger, where: redactDatabaseUrl(databaseUrl.trim()) })
}
