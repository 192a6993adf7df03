/**
 * The first schema: orders and the append-only log of their state changes. Frozen: a published
 * migration is never edited; the next one changes what needs changing.
 */
import { type Kysely, type Migration, sql } from 'kysely'
import type { StoreDialect } from '../options.ts'

// Frozen copies, not imports from shared: a migration describes the schema as it was when it was
// written. `migrations.test.ts` fails when shared's lists move on, which is the cue for a new migration.
export const SCHEMA_STATUSES = ['created', 'pending', 'paid', 'failed', 'expired'] as const
export const SCHEMA_REASONS = ['declined', 'mismatch', 'test_mode', 'unknown_rrn', 'expired'] as const
export const SCHEMA_LOCALES = ['az', 'en', 'ru'] as const
export const SCHEMA_MAX_QEPIK = 999_999_999
export const SCHEMA_CLIENT_RRN_LENGTH = 24

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

export function ledger(dialect: StoreDialect): Migration {
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
