/**
 * The schema, as Kysely migrations compiled into the code (no files read at runtime, so a
 * bundled or installed server migrates the same way). Migrations are append-only: never edit a
 * published one, add the next instead.
 */
import { type Kysely, type MigrationProvider, Migrator, sql } from 'kysely'
import { MIGRATIONS } from './migration-names.ts'
import { ledger } from './migrations/2026-11-01-ledger.ts'
import { attemptsAndOutbox } from './migrations/2026-11-28-attempts-and-outbox.ts'
import { revokedSessions } from './migrations/2026-11-28-revoked-sessions.ts'
import type { StoreDialect, StoreLogger } from './options.ts'
import type { Database } from './tables.ts'

/** All migrations, by name; names sort in the order they apply. */
export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return {
    async getMigrations() {
      const [first, second, third] = MIGRATIONS
      return {
        [first]: ledger(dialect),
        [second]: attemptsAndOutbox(dialect),
        [third]: revokedSessions(),
      }
    },
  }
}

/**
 * Applies pending migrations. On PostgreSQL Kysely holds an advisory lock while it migrates, so
 * instances that start together apply each migration once.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: StoreDialect,
  { logger, where = `the ${dialect} database` }: { logger?: StoreLogger; where?: string } = {},
): Promise<void> {
  let applied: string[]
  try {
    applied = await migrate(db, dialect)
  } catch (error) {
    throw new Error(`store: cannot migrate ${where}: ${describe(error)}`, { cause: error })
  }
  for (const migration of applied) logger?.info({ migration, database: where }, 'store: migration applied')
}

/** Returns the names of the migrations it applied; with `upTo`, stops after that one (upgrade tests). */
export async function migrate(db: Kysely<Database>, dialect: StoreDialect, upTo?: string): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in *every* schema unless told which one; pin it to the
  // connection's own schema so two ledgers in one PostgreSQL database (e.g. per-test schemas) never
  // mistake each other's tables for their own.
  const migrationTableSchema = dialect === 'postgres' ? await currentSchema(db) : undefined
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), migrationTableSchema })
  const { error, results = [] } = upTo ? await migrator.migrateTo(upTo) : await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName
    throw failed === undefined
      ? error
      : new Error(`migration ${failed}: ${describe(error)}`, { cause: error })
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName)
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)
  const schema = rows[0]?.schema
  if (!schema) throw new Error('store: PostgreSQL has no current schema (check search_path)')
  return schema
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
