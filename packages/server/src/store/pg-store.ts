/**
 * The `Store` on PostgreSQL (a bounded `pg` pool), for several server instances on one database.
 * Hot statements are named, so each connection parses them once; a checkout is one round trip
 * (insert and event in one statement); a transition locks its row (`FOR UPDATE`) before deciding,
 * so concurrent instances make exactly one; outbox claims skip rows another instance holds.
 */
import type pg from 'pg'
import { lazyReports, migrateIfBehind } from './lazy-tools.ts'
import type { OpenDatabase } from './open-database.ts'
import type { StoreLogger } from './options.ts'
import {
  detailText,
  newOrderRow,
  splitAttemptRow,
  toDelivery,
  toMessage,
  toOrder,
  transitionFields,
} from './rows.ts'
import type { AttemptUpdate, NewOutboxMessage, Order, PaymentAttempt, Store } from './types.ts'

export interface PgStoreOptions {
  logger?: StoreLogger
  where?: string
}

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient
type Row = Record<string, unknown>

const INSERT_ORDER = `with ins as (
    insert into orders (client_rrn, qepik, quantity, item_id, title, description, reference, return_url,
      locale, status, client_ip, idempotency_key, request_hash, order_token, livemode, created_at, updated_at)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
    on conflict (idempotency_key) where idempotency_key is not null do nothing
    returning *
  ), ev as (
    insert into order_events (client_rrn, from_status, to_status, reason, detail, at)
    select client_rrn, null, 'created', null, null, created_at from ins
  )
  select * from ins`

const UPDATE_ATTEMPT = `update payment_attempts set state = $3, outcome = $4, checks = $5, next_check_at = $6,
    checked_at = $7 where client_rrn = $1 and psp_rrn = $2`

const MOVE_ORDER = `with moved as (
    update orders set status = $2, reason = $3, psp_rrn = $4, bank_rrn = $5, client_ip = $6, updated_at = $7
    where client_rrn = $1 returning client_rrn
  )
  insert into order_events (client_rrn, from_status, to_status, reason, detail, at)
  select client_rrn, $8, $2, $3, $9, $7 from moved`

const INSERT_MESSAGES = `insert into outbox (id, event_id, channel, type, client_rrn, payload, status, attempts,
    next_attempt_at, created_at, updated_at)
  select id, event_id, channel, type, client_rrn, payload, 'pending', 0, $7, $7, $7
  from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
    as m(id, event_id, channel, type, client_rrn, payload)`

/** Builds the store on a pool; its query builder (Kysely, on the same pool) runs the migrations and reports. */
export function pgStore(
  pool: pg.Pool,
  { queryBuilder, hasQueryBuilder }: Pick<OpenDatabase, 'queryBuilder' | 'hasQueryBuilder'>,
  { logger, where }: PgStoreOptions = {},
): Store {
  let closing: Promise<void> | undefined

  const query = async (on: Queryable, name: string | undefined, text: string, values: unknown[] = []) =>
    (await on.query<Row>(name ? { name, text, values } : { text, values })).rows

  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect()
    try {
      await client.query('begin')
      const result = await work(client)
      await client.query('commit')
      return result
    } catch (error) {
      await client.query('rollback').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  const orderBy = async (column: 'client_rrn' | 'order_token' | 'idempotency_key', value: string) => {
    const [row] = await query(pool, `order_by_${column}`, `select * from orders where ${column} = $1`, [
      value,
    ])
    return row ? toOrder(row) : undefined
  }

  async function insertMessages(client: pg.PoolClient, list: NewOutboxMessage[], at: string) {
    if (list.length === 0) return
    const column = (key: keyof NewOutboxMessage) => list.map((message) => message[key])
    await query(client, 'insert_messages', INSERT_MESSAGES, [
      column('id'),
      column('event_id'),
      column('channel'),
      column('type'),
      column('client_rrn'),
      column('payload'),
      at,
    ])
  }

  const attemptValues = (clientRrn: string, pspRrn: string, update: AttemptUpdate, at: string) => [
    clientRrn,
    pspRrn,
    update.state,
    update.outcome,
    update.checks,
    update.next_check_at,
    at,
  ]

  return {
    dialect: 'postgres',
    ...lazyReports(queryBuilder),

    migrate: () =>
      migrateIfBehind(
        queryBuilder,
        'postgres',
        async () =>
          (await pool.query<{ name: string }>('select name from kysely_migration order by name desc limit 1'))
            .rows[0]?.name,
        { logger, where },
      ),

    async insertOrder(order, now) {
      const row = newOrderRow(order, now.toISOString())
      const [inserted] = await query(pool, 'insert_order', INSERT_ORDER, [
        row.client_rrn,
        row.qepik,
        row.quantity,
        row.item_id,
        row.title,
        row.description,
        row.reference,
        row.return_url,
        row.locale,
        row.status,
        row.client_ip,
        row.idempotency_key,
        row.request_hash,
        row.order_token,
        row.livemode,
        row.created_at,
        row.updated_at,
      ])
      if (inserted) return { inserted: true, order: toOrder(inserted) }
      // Another request holds this idempotency key: its order, committed before ours was refused.
      const existing =
        order.idempotency_key === null ? undefined : await orderBy('idempotency_key', order.idempotency_key)
      if (existing === undefined)
        throw new Error('store: an order with this idempotency key vanished while inserting')
      return { inserted: false, existing }
    },

    getOrder: (clientRrn) => orderBy('client_rrn', clientRrn),
    getOrderByToken: (token) => orderBy('order_token', token),
    getOrderByIdempotencyKey: (key) => orderBy('idempotency_key', key),

    transition: (clientRrn, change, now, effects = {}) =>
      inTransaction(async (client) => {
        const at = now.toISOString()
        if (effects.attempt) {
          await query(
            client,
            'update_attempt',
            UPDATE_ATTEMPT,
            attemptValues(clientRrn, effects.attempt.psp_rrn, effects.attempt.update, at),
          )
        }
        // The row lock makes a concurrent transition wait here and then see the status it left.
        const [row] = await query(
          client,
          'order_for_update',
          'select * from orders where client_rrn = $1 for update',
          [clientRrn],
        )
        if (!row) return undefined
        const current = toOrder(row)
        if (!change.from.includes(current.status)) return undefined
        const fields = transitionFields(current, change, at)
        await query(client, 'move_order', MOVE_ORDER, [
          clientRrn,
          fields.status,
          fields.reason,
          fields.psp_rrn,
          fields.bank_rrn,
          fields.client_ip,
          at,
          current.status,
          detailText(change),
        ])
        const updated: Order = { ...current, ...fields }
        if (effects.messages) await insertMessages(client, effects.messages(updated, current.status), at)
        return updated
      }),

    expireCreated: (before, now, messages, limit = 500) =>
      inTransaction(async (client) => {
        const at = now.toISOString()
        const rows = await query(
          client,
          undefined,
          `update orders set status = 'expired', reason = 'expired', updated_at = $2
           where client_rrn in (
             select o.client_rrn from orders o
             where o.status = 'created' and o.created_at < $1
               and not exists (select 1 from payment_attempts a
                               where a.client_rrn = o.client_rrn and a.next_check_at is not null)
             order by o.created_at limit $3
             for update skip locked)
           returning *`,
          [before.toISOString(), at, Math.max(0, Math.trunc(limit))],
        )
        const expired = rows.map(toOrder)
        if (expired.length === 0) return []
        await query(
          client,
          undefined,
          `insert into order_events (client_rrn, from_status, to_status, reason, detail, at)
           select client_rrn, 'created', 'expired', 'expired', null, $2 from unnest($1::text[]) as e(client_rrn)`,
          [expired.map((order) => order.client_rrn), at],
        )
        if (messages)
          await insertMessages(
            client,
            expired.flatMap((order) => messages(order, 'created')),
            at,
          )
        return expired
      }),

    events: async (clientRrn) =>
      (await query(pool, 'events', 'select * from order_events where client_rrn = $1 order by id', [
        clientRrn,
      ])) as never,

    async recordAttempt(clientRrn, pspRrn, now, { next_check_at, max }) {
      const rows = await query(
        pool,
        'record_attempt',
        `with known as (select * from payment_attempts where client_rrn = $1 and psp_rrn = $2),
         counted as (select count(*)::int as n from payment_attempts where client_rrn = $1 and state <> 'ignored'),
         ins as (
           insert into payment_attempts (client_rrn, psp_rrn, state, outcome, checks, next_check_at, created_at, checked_at)
           select $1, $2, 'open', null, 0, $3, $4, null
           where not exists (select 1 from known) and (select n from counted) < $5
           on conflict do nothing
           returning *)
         select 'recorded' as kind, * from ins union all select 'known' as kind, * from known`,
        [clientRrn, pspRrn, next_check_at, now.toISOString(), max],
      )
      const [first] = rows
      if (first) {
        const { kind, ...attempt } = first
        return {
          kind: kind === 'recorded' ? 'recorded' : 'known',
          attempt: attempt as unknown as PaymentAttempt,
        }
      }
      // Nothing inserted: the order is full, or a concurrent callback inserted this very reference.
      const [raced] = await query(
        pool,
        undefined,
        'select * from payment_attempts where client_rrn = $1 and psp_rrn = $2',
        [clientRrn, pspRrn],
      )
      return raced ? { kind: 'known', attempt: raced as unknown as PaymentAttempt } : { kind: 'full' }
    },

    async updateAttempt(clientRrn, pspRrn, update, now) {
      await query(
        pool,
        'update_attempt',
        UPDATE_ATTEMPT,
        attemptValues(clientRrn, pspRrn, update, now.toISOString()),
      )
    },

    attempts: async (clientRrn) =>
      (await query(
        pool,
        undefined,
        'select * from payment_attempts where client_rrn = $1 order by created_at, psp_rrn',
        [clientRrn],
      )) as never,

    async dueAttempts(now, limit) {
      if (!(limit > 0)) return []
      const rows = await query(
        pool,
        'due_attempts',
        `select a.client_rrn as a_client_rrn, a.psp_rrn as a_psp_rrn, a.state as a_state,
           a.outcome as a_outcome, a.checks as a_checks, a.next_check_at as a_next_check_at,
           a.created_at as a_created_at, a.checked_at as a_checked_at, o.*
         from payment_attempts a join orders o on o.client_rrn = a.client_rrn
         where a.next_check_at is not null and a.next_check_at <= $1
         order by a.next_check_at, a.client_rrn, a.psp_rrn limit $2`,
        [now.toISOString(), Math.trunc(limit)],
      )
      return rows.map(splitAttemptRow)
    },

    async claimMessages(now, { limit, leaseMs }) {
      const at = now.toISOString()
      const rows = await query(
        pool,
        'claim_messages',
        `update outbox set locked_until = $1, updated_at = $2
         where id in (select id from outbox
                      where status = 'pending' and next_attempt_at <= $2
                        and (locked_until is null or locked_until <= $2)
                      order by next_attempt_at limit $3
                      for update skip locked)
         returning *`,
        [new Date(now.getTime() + leaseMs).toISOString(), at, Math.max(0, Math.trunc(limit))],
      )
      return rows.map(toMessage)
    },

    async recordDelivery(id, record, now) {
      const at = now.toISOString()
      await query(
        pool,
        'record_delivery',
        `with m as (
           update outbox set attempts = attempts + 1, status = $2, next_attempt_at = $3, locked_until = null,
             last_error = $4, last_status_code = $5, updated_at = $6,
             delivered_at = case when $2 = 'delivered' then $6 else delivered_at end
           where id = $1 returning id, attempts)
         insert into deliveries (message_id, attempt, at, duration_ms, ok, status_code, error)
         select id, (select count(*) from deliveries where message_id = $1) + 1, $6, $7, $8, $5, $4 from m`,
        [
          id,
          record.status,
          record.status === 'pending' ? record.next_attempt_at : null,
          record.error,
          record.status_code,
          at,
          Math.max(0, Math.round(record.duration_ms)),
          record.ok ? 1 : 0,
        ],
      )
    },

    async requeueMessage(id, now) {
      const at = now.toISOString()
      const [row] = await query(
        pool,
        undefined,
        `update outbox set status = 'pending', attempts = 0, next_attempt_at = $2, locked_until = null,
           updated_at = $2
         where id = $1 and (status <> 'pending' or locked_until is null or locked_until <= $2)
         returning *`,
        [id, at],
      )
      return row ? toMessage(row) : undefined
    },

    async revokeSession(sid, expiresAt, now) {
      await query(
        pool,
        undefined,
        `with pruned as (delete from revoked_sessions where expires_at <= $3)
         insert into revoked_sessions (sid, expires_at) values ($1, $2) on conflict (sid) do nothing`,
        [sid, expiresAt.toISOString(), now.toISOString()],
      )
    },
    async sessionRevoked(sid) {
      const rows = await query(pool, undefined, 'select 1 as found from revoked_sessions where sid = $1', [
        sid,
      ])
      return rows.length > 0
    },
    async getMessage(id) {
      const [row] = await query(pool, undefined, 'select * from outbox where id = $1', [id])
      return row ? toMessage(row) : undefined
    },
    messages: async (clientRrn) =>
      (
        await query(pool, undefined, 'select * from outbox where client_rrn = $1 order by created_at, id', [
          clientRrn,
        ])
      ).map(toMessage),
    deliveries: async (messageId) =>
      (
        await query(pool, undefined, 'select * from deliveries where message_id = $1 order by id', [
          messageId,
        ])
      ).map(toDelivery),

    async ping() {
      await pool.query('select 1')
    },

    close() {
      closing ??= (async () => {
        // Kysely, if it was ever made, ends the pool it was given; otherwise the store does.
        if (hasQueryBuilder()) await (await queryBuilder()).destroy()
        if (!pool.ended) await pool.end()
      })()
      return closing
    },
  }
}
