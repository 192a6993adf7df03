/**
 * Payment attempts and the outbox (issue 8), and a leaner orders table (issue 11):
 * - `payment_attempts`: every PSP reference a callback brought for an order, written before
 *   `/check` is asked, with its own follow-up schedule (it replaces `orders.next_check_at` and
 *   `orders.check_attempts`; scheduled follow-ups are carried over);
 * - `outbox` and `deliveries`: every message to the outside, written with the change it reports,
 *   and the log of each try at delivering it;
 * - orders gain `quantity` and `livemode`; the reason `cancelled` is allowed; the unique keys on
 *   `idempotency_key` and `order_token` become partial indexes (most orders have neither);
 * - on SQLite, `order_events.id` stops using AUTOINCREMENT (a rowid alias needs no extra table
 *   write per insert).
 * SQLite cannot drop columns with constraints or change CHECKs in place, so it rebuilds the two
 * tables; PostgreSQL alters them. Frozen once published.
 */
import { type Kysely, type Migration, sql } from 'kysely'
import type { StoreDialect } from '../options.ts'

export const SCHEMA_STATUSES = ['created', 'pending', 'paid', 'failed', 'expired'] as const
export const SCHEMA_REASONS = [
  'declined',
  'cancelled',
  'mismatch',
  'test_mode',
  'unknown_rrn',
  'expired',
] as const
export const SCHEMA_LOCALES = ['az', 'en', 'ru'] as const
export const SCHEMA_ATTEMPT_STATES = ['open', 'pending', 'settled', 'ignored', 'stopped'] as const
export const SCHEMA_CHANNELS = ['webhook', 'telegram', 'email'] as const
export const SCHEMA_EVENT_TYPES = ['order.pending', 'order.paid', 'order.failed', 'order.expired'] as const
export const SCHEMA_MESSAGE_STATUSES = ['pending', 'delivered', 'dead'] as const
export const SCHEMA_MAX_QEPIK = 999_999_999

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ')

/** Checks of the orders table, as SQL text (both engines read them alike). */
const ORDER_CHECKS = `
  constraint orders_client_rrn_length check (length(client_rrn) = 24),
  constraint orders_qepik_range check (qepik > 0 and qepik <= ${SCHEMA_MAX_QEPIK}),
  constraint orders_quantity_range check (quantity >= 1 and quantity <= 1000),
  constraint orders_status_known check (status in (${list(SCHEMA_STATUSES)})),
  constraint orders_reason_known check (reason in (${list(SCHEMA_REASONS)})),
  constraint orders_locale_known check (locale in (${list(SCHEMA_LOCALES)})),
  constraint orders_livemode_flag check (livemode in (0, 1))`

const SQLITE: readonly string[] = [
  `create table orders_v2 (
    client_rrn text primary key,
    qepik integer not null,
    quantity integer not null default 1,
    item_id text,
    title text not null,
    description text,
    reference text,
    return_url text,
    locale text,
    status text not null,
    reason text,
    psp_rrn text,
    bank_rrn text,
    client_ip text,
    idempotency_key text,
    request_hash text,
    order_token text,
    livemode integer,
    created_at text not null,
    updated_at text not null,
    ${ORDER_CHECKS}
  )`,
  `insert into orders_v2 (client_rrn, qepik, quantity, item_id, title, description, reference,
     return_url, locale, status, reason, psp_rrn, bank_rrn, client_ip, idempotency_key, request_hash,
     order_token, livemode, created_at, updated_at)
   select client_rrn, qepik, 1, item_id, title, description, reference, return_url, locale, status,
     reason, psp_rrn, bank_rrn, client_ip, idempotency_key, request_hash, order_token, null,
     created_at, updated_at
   from orders`,
  `create table order_events_v2 (
    id integer primary key,
    client_rrn text not null references orders_v2 (client_rrn),
    from_status text,
    to_status text not null,
    reason text,
    detail text,
    at text not null,
    constraint order_events_from_status_known check (from_status in (${list(SCHEMA_STATUSES)})),
    constraint order_events_to_status_known check (to_status in (${list(SCHEMA_STATUSES)})),
    constraint order_events_reason_known check (reason in (${list(SCHEMA_REASONS)}))
  )`,
  `insert into order_events_v2 (id, client_rrn, from_status, to_status, reason, detail, at)
   select id, client_rrn, from_status, to_status, reason, detail, at from order_events`,
  // Follow-ups that were scheduled on the order carry over as attempts (created after the
  // rebuild below, so they are staged here).
  `create temporary table carried_attempts as
   select client_rrn, psp_rrn, status, check_attempts, next_check_at, updated_at from orders
   where psp_rrn is not null and next_check_at is not null and status in ('created', 'pending')`,
  'drop table order_events',
  'drop table orders',
  // Renaming rewrites the reference of order_events_v2 to the new name.
  'alter table orders_v2 rename to orders',
  'alter table order_events_v2 rename to order_events',
  'create index order_events_client_rrn on order_events (client_rrn, id)',
]

const POSTGRES: readonly string[] = [
  'alter table orders add column quantity integer not null default 1',
  'alter table orders add column livemode integer',
  `alter table orders add constraint orders_quantity_range check (quantity >= 1 and quantity <= 1000)`,
  'alter table orders add constraint orders_livemode_flag check (livemode in (0, 1))',
  'alter table orders drop constraint orders_reason_known',
  `alter table orders add constraint orders_reason_known check (reason in (${list(SCHEMA_REASONS)}))`,
  'alter table order_events drop constraint order_events_reason_known',
  `alter table order_events add constraint order_events_reason_known check (reason in (${list(SCHEMA_REASONS)}))`,
  'alter table orders drop constraint orders_idempotency_key_unique',
  'alter table orders drop constraint orders_order_token_unique',
  `create temporary table carried_attempts on commit drop as
   select client_rrn, psp_rrn, status, check_attempts, next_check_at, updated_at from orders
   where psp_rrn is not null and next_check_at is not null and status in ('created', 'pending')`,
  'drop index orders_next_check_at',
  'drop index orders_created_at_of_created',
  'alter table orders drop column check_attempts',
  'alter table orders drop column next_check_at',
]

/** Both engines, after the engine's own part. */
const COMMON: readonly string[] = [
  'create unique index orders_idempotency_key on orders (idempotency_key) where idempotency_key is not null',
  'create unique index orders_order_token on orders (order_token) where order_token is not null',
  // Newest first, a page at a time (keyset), with or without a status filter; the status index
  // also finds old created orders to expire. Both grow at their right edge as orders come in.
  'create index orders_created on orders (created_at, client_rrn)',
  'create index orders_status_created on orders (status, created_at, client_rrn)',
  'create index orders_reference on orders (reference) where reference is not null',
  `create table payment_attempts (
    client_rrn text not null references orders (client_rrn),
    psp_rrn text not null,
    state text not null,
    outcome text,
    checks integer not null default 0,
    next_check_at text,
    created_at text not null,
    checked_at text,
    primary key (client_rrn, psp_rrn),
    constraint payment_attempts_state_known check (state in (${list(SCHEMA_ATTEMPT_STATES)})),
    constraint payment_attempts_checks_positive check (checks >= 0),
    constraint payment_attempts_scheduled_when_open
      check ((next_check_at is not null) = (state in ('open', 'pending')))
  )`,
  'create index payment_attempts_due on payment_attempts (next_check_at) where next_check_at is not null',
  'create index payment_attempts_psp_rrn on payment_attempts (psp_rrn)',
  `insert into payment_attempts (client_rrn, psp_rrn, state, outcome, checks, next_check_at, created_at, checked_at)
   select client_rrn, psp_rrn, case when status = 'pending' then 'pending' else 'open' end,
     case when status = 'pending' then 'pending' else null end, check_attempts, next_check_at,
     updated_at, null
   from carried_attempts`,
  `create table outbox (
    id text primary key,
    event_id text not null,
    channel text not null,
    type text not null,
    client_rrn text not null references orders (client_rrn),
    payload text not null,
    status text not null,
    attempts integer not null default 0,
    next_attempt_at text,
    locked_until text,
    last_error text,
    last_status_code integer,
    created_at text not null,
    updated_at text not null,
    delivered_at text,
    constraint outbox_channel_known check (channel in (${list(SCHEMA_CHANNELS)})),
    constraint outbox_type_known check (type in (${list(SCHEMA_EVENT_TYPES)})),
    constraint outbox_status_known check (status in (${list(SCHEMA_MESSAGE_STATUSES)})),
    constraint outbox_due_when_pending check ((next_attempt_at is not null) = (status = 'pending'))
  )`,
  `create index outbox_due on outbox (next_attempt_at) where status = 'pending'`,
  `create index outbox_dead on outbox (created_at) where status = 'dead'`,
  'create index outbox_client_rrn on outbox (client_rrn)',
]

/** The delivery log: the one table whose id is generated, spelled per engine. */
const deliveries = (dialect: StoreDialect) => `create table deliveries (
    id ${dialect === 'sqlite' ? 'integer primary key' : 'integer primary key generated always as identity'},
    message_id text not null references outbox (id),
    attempt integer not null,
    at text not null,
    duration_ms integer not null,
    ok integer not null,
    status_code integer,
    error text,
    constraint deliveries_ok_flag check (ok in (0, 1))
  )`

export function attemptsAndOutbox(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const statements = [
        ...(dialect === 'sqlite' ? SQLITE : POSTGRES),
        ...COMMON,
        deliveries(dialect),
        'create index deliveries_message_id on deliveries (message_id, id)',
        'drop table carried_attempts',
      ]
      // On PostgreSQL the temporary table drops itself at commit.
      for (const statement of dialect === 'postgres' ? statements.slice(0, -1) : statements) {
        await sql.raw(statement).execute(db)
      }
    },
  }
}
