/**
 * The `Store` on Kysely: one set of queries for SQLite and PostgreSQL. Every write that changes
 * an order's state writes its event in the same transaction, and every write transaction starts
 * with its write, so SQLite takes the write lock first (no deferred-lock upgrade that could fail
 * with SQLITE_BUSY) and PostgreSQL locks the row before anything is decided.
 */
import type { OrderStatus } from '@portmanat-checkout/shared'
import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely'
import { migrateToLatest } from './migrations.ts'
import type { StoreDialect, StoreLogger } from './options.ts'
import type { Database, OrderEventRow, OrderRow } from './tables.ts'
import type { InsertResult, NewOrder, Store, Transition } from './types.ts'

/** States the follow-up job still asks `/check` about; others need no `next_check_at`. */
const OPEN_STATES: readonly OrderStatus[] = ['created', 'pending']
/** States whose `reason` stays meaningful; moving elsewhere clears it unless one is given. */
const FAILED_STATES: readonly OrderStatus[] = ['failed', 'expired']
/** Rows per multi-row INSERT, well under SQLite's limit on bound parameters. */
const EVENT_CHUNK = 500

export interface KyselyStoreOptions {
  logger?: StoreLogger
  /** The database as messages may name it: the URL with its password redacted. */
  where?: string
}

/** Builds the store on an open Kysely instance; `close()` destroys it. */
export function kyselyStore(
  db: Kysely<Database>,
  dialect: StoreDialect,
  { logger, where }: KyselyStoreOptions = {},
): Store {
  let closing: Promise<void> | undefined

  const getBy = (column: 'client_rrn' | 'order_token' | 'idempotency_key', value: string) =>
    db.selectFrom('orders').selectAll().where(column, '=', value).executeTakeFirst()

  return {
    dialect,

    migrate: () => migrateToLatest(db, dialect, { logger, where }),

    insertOrder: (order, now) =>
      db.transaction().execute(async (trx): Promise<InsertResult> => {
        const at = now.toISOString()
        const inserted = await trx
          .insertInto('orders')
          .values(newOrderRow(order, at))
          // Racing requests with one key: the loser waits for the winner's commit, inserts
          // nothing, and reads the winner's order below.
          .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
          .returningAll()
          .executeTakeFirst()
        if (inserted !== undefined) {
          await insertEvents(trx, [
            {
              client_rrn: inserted.client_rrn,
              from_status: null,
              to_status: 'created',
              reason: null,
              detail: null,
              at,
            },
          ])
          return { inserted: true, order: inserted }
        }
        const existing =
          order.idempotency_key === null
            ? undefined
            : await trx
                .selectFrom('orders')
                .selectAll()
                .where('idempotency_key', '=', order.idempotency_key)
                .executeTakeFirst()
        if (existing === undefined)
          throw new Error('store: an order with this idempotency key vanished while inserting')
        return { inserted: false, existing }
      }),

    getOrder: (clientRrn) => getBy('client_rrn', clientRrn),
    getOrderByToken: (orderToken) => getBy('order_token', orderToken),
    getOrderByIdempotencyKey: (key) => getBy('idempotency_key', key),

    transition: (clientRrn, change, now) => {
      if (change.from.length === 0) return Promise.resolve(undefined)
      return db.transaction().execute(async (trx) => {
        const at = now.toISOString()
        // Claim the row while it is in an allowed state and learn which one (RETURNING gives new
        // values, so the status comes from this first statement, which does not change it). A
        // concurrent caller blocks here and then finds the status moved on: exactly one wins.
        const claimed = await trx
          .updateTable('orders')
          .set({ updated_at: at })
          .where('client_rrn', '=', clientRrn)
          .where('status', 'in', change.from)
          .returning('status')
          .executeTakeFirst()
        if (claimed === undefined) return undefined
        const updated = await trx
          .updateTable('orders')
          .set(transitionSet(change, at))
          .where('client_rrn', '=', clientRrn)
          .returningAll()
          .executeTakeFirstOrThrow()
        await insertEvents(trx, [
          {
            client_rrn: clientRrn,
            from_status: claimed.status,
            to_status: updated.status,
            reason: updated.reason,
            detail: change.detail === undefined ? null : JSON.stringify(change.detail),
            at,
          },
        ])
        return updated
      })
    },

    async scheduleCheck(clientRrn, nextCheckAt, checkAttempts, now) {
      await db
        .updateTable('orders')
        .set({ next_check_at: nextCheckAt, check_attempts: checkAttempts, updated_at: now.toISOString() })
        .where('client_rrn', '=', clientRrn)
        // A final order is never asked about again, whatever a late job says.
        .where('status', 'in', OPEN_STATES)
        .execute()
    },

    async dueForCheck(now, limit) {
      if (!(limit > 0)) return []
      return db
        .selectFrom('orders')
        .selectAll()
        .where('next_check_at', 'is not', null)
        .where('next_check_at', '<=', now.toISOString())
        .where((eb) =>
          eb.or([
            eb('status', '=', 'pending'),
            eb.and([eb('status', '=', 'created'), eb('psp_rrn', 'is not', null)]),
          ]),
        )
        .orderBy('next_check_at')
        .orderBy('client_rrn')
        .limit(Math.trunc(limit))
        .execute()
    },

    expireCreated: (before, now) =>
      db.transaction().execute(async (trx) => {
        const at = now.toISOString()
        const expired = await trx
          .updateTable('orders')
          .set({ status: 'expired', reason: 'expired', next_check_at: null, updated_at: at })
          .where('status', '=', 'created')
          // One with a psp_rrn came back from the PSP: the follow-up job settles it, not the
          // clock — unless the job has given up on it (nothing scheduled).
          .where((eb) => eb.or([eb('psp_rrn', 'is', null), eb('next_check_at', 'is', null)]))
          .where('created_at', '<', before.toISOString())
          .returningAll()
          .execute()
        await insertEvents(
          trx,
          expired.map(({ client_rrn }) => ({
            client_rrn,
            from_status: 'created' as const,
            to_status: 'expired' as const,
            reason: 'expired' as const,
            detail: null,
            at,
          })),
        )
        return expired
      }),

    events: (clientRrn) =>
      db.selectFrom('order_events').selectAll().where('client_rrn', '=', clientRrn).orderBy('id').execute(),

    async ping() {
      await sql`select 1`.execute(db)
    },

    close() {
      closing ??= db.destroy()
      return closing
    },
  }
}

/** Only the columns of `NewOrder`: a caller's object may carry more properties than the table has. */
function newOrderRow(order: NewOrder, at: string): OrderRow {
  return {
    client_rrn: order.client_rrn,
    qepik: order.qepik,
    item_id: order.item_id,
    title: order.title,
    description: order.description,
    reference: order.reference,
    return_url: order.return_url,
    locale: order.locale,
    status: 'created',
    reason: null,
    psp_rrn: null,
    bank_rrn: null,
    client_ip: order.client_ip,
    idempotency_key: order.idempotency_key,
    request_hash: order.request_hash,
    order_token: order.order_token,
    check_attempts: 0,
    next_check_at: null,
    created_at: at,
    updated_at: at,
  }
}

/** `undefined` leaves a column as it is; `null` clears it. */
function transitionSet(change: Transition, at: string): Updateable<OrderRow> {
  const set: Updateable<OrderRow> = { status: change.to, updated_at: at }
  if (change.reason !== undefined) set.reason = change.reason
  else if (!FAILED_STATES.includes(change.to)) set.reason = null
  if (change.psp_rrn !== undefined) set.psp_rrn = change.psp_rrn
  if (change.bank_rrn !== undefined) set.bank_rrn = change.bank_rrn
  if (change.client_ip !== undefined) set.client_ip = change.client_ip
  if (change.check_attempts !== undefined) set.check_attempts = change.check_attempts
  if (change.next_check_at !== undefined) set.next_check_at = change.next_check_at
  else if (!OPEN_STATES.includes(change.to)) set.next_check_at = null
  return set
}

async function insertEvents(trx: Transaction<Database>, events: Insertable<OrderEventRow>[]): Promise<void> {
  for (let start = 0; start < events.length; start += EVENT_CHUNK) {
    await trx
      .insertInto('order_events')
      .values(events.slice(start, start + EVENT_CHUNK))
      .execute()
  }
}
