/**
 * The schema, as Kysely migrations compiled into the code (no files read at runtime, so a
 * bundled or installed server migrates the same way). Migrations are append-only: never edit a
 * published one, add the next instead.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely'
import type { StoreDialect, StoreLogger } from './options.ts'
import type { Database } from './tables.ts'

// Frozen copies, not imports from shared: a migration describes the schema as it was when it was
// written. `migrations.test.ts` fails when shared's lists move on, which is the cue for a new migration.
export const SCHEMA_STATUSES = ['created', 'pending', 'paid', 'failed', 'expired'] as const
export const SCHEMA_REASONS = ['declined', 'mismatch', 'test_mode', 'unknown_rrn', 'expired'] as const
export const SCHEMA_LOCALES = ['az', 'en', 'ru'] as const
export const SCHEMA_MAX_QEPIK = 999_999_999
export const SCHEMA_CLIENT_RRN_LENGTH = 24

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

function ledger(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('orders')
        .addColumn('client_rrn', 'text', (col) => col.primaryKey())
        .addColumn('qepik', 'integer', (col) => col.notNull())
        .addColumn('item_id', 'text')
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('description', 'text')
        .addColumn('reference', 'text')
        .addColumn('return_url', 'text')
        .addColumn('locale', 'text')
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('reason', 'text')
        .addColumn('psp_rrn', 'text')
        .addColumn('bank_rrn', 'text')
        .addColumn('client_ip', 'text')
        .addColumn('idempotency_key', 'text')
        .addColumn('request_hash', 'text')
        .addColumn('order_token', 'text')
        .addColumn('check_attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('next_check_at', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .addCheckConstraint(
          'orders_client_rrn_length',
          sql`length(client_rrn) = ${sql.lit(SCHEMA_CLIENT_RRN_LENGTH)}`,
        )
        .addCheckConstraint('orders_qepik_range', sql`qepik > 0 and qepik <= ${sql.lit(SCHEMA_MAX_QEPIK)}`)
        .addCheckConstraint('orders_status_known', oneOf('status', SCHEMA_STATUSES))
        // A NULL passes a CHECK, so these allow "no reason" and "no locale".
        .addCheckConstraint('orders_reason_known', oneOf('reason', SCHEMA_REASONS))
        .addCheckConstraint('orders_locale_known', oneOf('locale', SCHEMA_LOCALES))
        .addCheckConstraint('orders_check_attempts_positive', sql`check_attempts >= 0`)
        // Several NULLs are allowed by a UNIQUE constraint on both engines.
        .addUniqueConstraint('orders_idempotency_key_unique', ['idempotency_key'])
        .addUniqueConstraint('orders_order_token_unique', ['order_token'])
        .execute()

      // `dueForCheck`: only orders awaiting a follow-up carry a `next_check_at`, so the index stays small.
      await db.schema
        .createIndex('orders_next_check_at')
        .on('orders')
        .column('next_check_at')
        .where(sql.ref('next_check_at'), 'is not', null)
        .execute()
      // `expireCreated`: old `created` orders.
      await db.schema
        .createIndex('orders_created_at_of_created')
        .on('orders')
        .column('created_at')
        .where(sql.ref('status'), '=', sql.lit('created'))
        .execute()

      await db.schema
        .createTable('order_events')
        .addColumn('id', 'integer', (col) =>
          // The one real difference between the engines in this schema.
          dialect === 'sqlite'
            ? col.primaryKey().autoIncrement()
            : col.primaryKey().generatedAlwaysAsIdentity(),
        )
        .addColumn('client_rrn', 'text', (col) => col.notNull().references('orders.client_rrn'))
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (col) => col.notNull())
        .addColumn('reason', 'text')
        .addColumn('detail', 'text')
        .addColumn('at', 'text', (col) => col.notNull())
        .addCheckConstraint('order_events_from_status_known', oneOf('from_status', SCHEMA_STATUSES))
        .addCheckConstraint('order_events_to_status_known', oneOf('to_status', SCHEMA_STATUSES))
        .addCheckConstraint('order_events_reason_known', oneOf('reason', SCHEMA_REASONS))
        .execute()
      await db.schema
        .createIndex('order_events_client_rrn')
        .on('order_events')
        .columns(['client_rrn', 'id'])
        .execute()
    },
  }
}

/** All migrations, by name; names sort in the order they apply. */
export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return {
    async getMigrations() {
      return { '2026-11-01-ledger': ledger(dialect) }
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

/** Returns the names of the migrations it applied. */
async function migrate(db: Kysely<Database>, dialect: StoreDialect): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in *every* schema unless told which one; pin it to the
  // connection's own schema so two ledgers in one PostgreSQL database (e.g. per-test schemas) never
  // mistake each other's tables for their own.
  const migrationTableSchema = dialect === 'postgres' ? await currentSchema(db) : undefined
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), migrationTableSchema })
  const { error, results = [] } = await migrator.migrateToLatest()
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
