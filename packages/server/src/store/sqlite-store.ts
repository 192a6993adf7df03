/**
 * The `Store` on SQLite (better-sqlite3). Every statement is prepared once; every write is one
 * synchronous `BEGIN IMMEDIATE … COMMIT`, so nothing else in the process can run in between and
 * the write lock is taken before anything is decided. When another process holds the lock, the
 * store waits for it asynchronously (short tries of `busy_timeout`, then the event loop is free
 * again) for at most `busyWaitMs`, then fails with {@link StoreBusyError}.
 */
import type SqliteDatabase from 'better-sqlite3'
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
import type { AttemptUpdate, NewOutboxMessage, Order, Store } from './types.ts'

/** The write lock stayed with another connection for longer than the store waits. */
export class StoreBusyError extends Error {
  readonly code = 'store_busy'
  constructor(waitedMs: number) {
    super(`store: the database stayed locked by another process for ${waitedMs} ms`)
    this.name = 'StoreBusyError'
  }
}

const isBusy = (error: unknown) =>
  error instanceof Error &&
  'code' in error &&
  typeof error.code === 'string' &&
  (error.code === 'SQLITE_BUSY' || error.code.startsWith('SQLITE_BUSY_') || error.code === 'SQLITE_LOCKED')

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

export interface SqliteStoreOptions {
  logger?: StoreLogger
  where?: string
  /** How long a call waits for another process's write lock before failing. @default 5000 */
  busyWaitMs?: number
}

const SELECT_ORDER = 'select * from orders where client_rrn = ?'

/** Builds the store on an open database; its query builder (Kysely) runs the migrations and reports. */
export function sqliteStore(
  sqlite: SqliteDatabase.Database,
  { queryBuilder, hasQueryBuilder }: Pick<OpenDatabase, 'queryBuilder' | 'hasQueryBuilder'>,
  { logger, where, busyWaitMs = 5000 }: SqliteStoreOptions = {},
): Store {
  let closing: Promise<void> | undefined
  // Prepared on first use: before `migrate()` the tables may not exist yet.
  const cache = new Map<string, SqliteDatabase.Statement>()
  const prepare = (text: string) => {
    let statement = cache.get(text)
    if (!statement) {
      statement = sqlite.prepare(text)
      cache.set(text, statement)
    }
    return statement
  }
  const get = (text: string, ...params: unknown[]) =>
    prepare(text).get(...params) as Record<string, unknown> | undefined
  const all = (text: string, ...params: unknown[]) =>
    prepare(text).all(...params) as Record<string, unknown>[]
  const run = (text: string, ...params: unknown[]) => prepare(text).run(...params)

  /** Runs `work` (synchronous), retrying asynchronously while another process holds the lock. */
  async function retrying<T>(work: () => T): Promise<T> {
    const started = Date.now()
    for (let attempt = 0; ; attempt++) {
      try {
        return work()
      } catch (error) {
        if (!isBusy(error)) throw error
        const waited = Date.now() - started
        if (waited >= busyWaitMs) throw new StoreBusyError(waited)
        await sleep(Math.min(50, 5 * 2 ** Math.min(attempt, 4)) + Math.random() * 5)
      }
    }
  }
  const transaction = sqlite.transaction((work: () => unknown) => work())
  /** One write transaction, taken with the write lock at its start. */
  const write = <T>(work: () => T): Promise<T> => retrying(() => transaction.immediate(work) as T)
  const read = <T>(work: () => T): Promise<T> => retrying(work)

  const orderBy = (column: 'client_rrn' | 'order_token' | 'idempotency_key', value: string) => {
    const row = get(`select * from orders where ${column} = ?`, value)
    return row ? toOrder(row) : undefined
  }

  function insertMessages(list: NewOutboxMessage[], at: string) {
    for (const message of list) {
      run(
        `insert into outbox (id, event_id, channel, type, client_rrn, payload, status, attempts,
           next_attempt_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
        message.id,
        message.event_id,
        message.channel,
        message.type,
        message.client_rrn,
        message.payload,
        at,
        at,
        at,
      )
    }
  }

  function insertEvent(
    client_rrn: string,
    from: string | null,
    order: Order,
    detail: string | null,
    at: string,
  ) {
    run(
      'insert into order_events (client_rrn, from_status, to_status, reason, detail, at) values (?, ?, ?, ?, ?, ?)',
      client_rrn,
      from,
      order.status,
      order.reason,
      detail,
      at,
    )
  }

  return {
    dialect: 'sqlite',
    ...lazyReports(queryBuilder),

    migrate: () =>
      migrateIfBehind(
        queryBuilder,
        'sqlite',
        async () =>
          (get('select name from kysely_migration order by name desc limit 1') as { name?: string })?.name,
        { logger, where },
      ),

    insertOrder: (order, now) =>
      write(() => {
        if (order.idempotency_key !== null) {
          const existing = orderBy('idempotency_key', order.idempotency_key)
          if (existing) return { inserted: false as const, existing }
        }
        const row = newOrderRow(order, now.toISOString())
        run(
          `insert into orders (client_rrn, qepik, quantity, item_id, title, description, reference,
             return_url, locale, status, client_ip, idempotency_key, request_hash, order_token, livemode,
             created_at, updated_at)
           values (@client_rrn, @qepik, @quantity, @item_id, @title, @description, @reference,
             @return_url, @locale, @status, @client_ip, @idempotency_key, @request_hash, @order_token,
             @livemode, @created_at, @updated_at)`,
          row,
        )
        const inserted = toOrder({
          ...row,
          reason: null,
          psp_rrn: null,
          bank_rrn: null,
        })
        insertEvent(inserted.client_rrn, null, inserted, null, row.created_at)
        return { inserted: true as const, order: inserted }
      }),

    getOrder: (clientRrn) => read(() => orderBy('client_rrn', clientRrn)),
    getOrderByToken: (token) => read(() => orderBy('order_token', token)),
    getOrderByIdempotencyKey: (key) => read(() => orderBy('idempotency_key', key)),

    transition: (clientRrn, change, now, effects = {}) =>
      write(() => {
        const at = now.toISOString()
        if (effects.attempt) updateAttempt(clientRrn, effects.attempt.psp_rrn, effects.attempt.update, at)
        const row = get(SELECT_ORDER, clientRrn)
        if (!row) return undefined
        const current = toOrder(row)
        if (!change.from.includes(current.status)) return undefined
        const fields = transitionFields(current, change, at)
        run(
          `update orders set status = @status, reason = @reason, psp_rrn = @psp_rrn, bank_rrn = @bank_rrn,
             client_ip = @client_ip, updated_at = @updated_at
           where client_rrn = @client_rrn`,
          { ...fields, client_rrn: clientRrn },
        )
        const updated: Order = { ...current, ...fields }
        insertEvent(clientRrn, current.status, updated, detailText(change), at)
        if (effects.messages) insertMessages(effects.messages(updated, current.status), at)
        return updated
      }),

    expireCreated: (before, now, messages, limit = 500) =>
      write(() => {
        const at = now.toISOString()
        const stale = all(
          `select * from orders o
           where o.status = 'created' and o.created_at < ?
             and not exists (select 1 from payment_attempts a
                             where a.client_rrn = o.client_rrn and a.next_check_at is not null)
           order by o.created_at limit ?`,
          before.toISOString(),
          Math.max(0, Math.trunc(limit)),
        ).map(toOrder)
        return stale.map((current) => {
          run(
            `update orders set status = 'expired', reason = 'expired', updated_at = ? where client_rrn = ?`,
            at,
            current.client_rrn,
          )
          const updated: Order = { ...current, status: 'expired', reason: 'expired', updated_at: at }
          insertEvent(current.client_rrn, 'created', updated, null, at)
          if (messages) insertMessages(messages(updated, 'created'), at)
          return updated
        })
      }),

    events: (clientRrn) =>
      read(() => all('select * from order_events where client_rrn = ? order by id', clientRrn) as never),

    recordAttempt: (clientRrn, pspRrn, now, { next_check_at, max }) =>
      write(() => {
        const known = get(
          'select * from payment_attempts where client_rrn = ? and psp_rrn = ?',
          clientRrn,
          pspRrn,
        )
        if (known) return { kind: 'known' as const, attempt: known as never }
        const counted = get(
          `select count(*) as n from payment_attempts where client_rrn = ? and state <> 'ignored'`,
          clientRrn,
        ) as { n: number }
        if (counted.n >= max) return { kind: 'full' as const }
        const attempt = {
          client_rrn: clientRrn,
          psp_rrn: pspRrn,
          state: 'open' as const,
          outcome: null,
          checks: 0,
          next_check_at,
          created_at: now.toISOString(),
          checked_at: null,
        }
        run(
          `insert into payment_attempts (client_rrn, psp_rrn, state, outcome, checks, next_check_at, created_at, checked_at)
           values (@client_rrn, @psp_rrn, @state, @outcome, @checks, @next_check_at, @created_at, @checked_at)`,
          attempt,
        )
        return { kind: 'recorded' as const, attempt }
      }),

    updateAttempt: (clientRrn, pspRrn, update, now) =>
      write(() => updateAttempt(clientRrn, pspRrn, update, now.toISOString())),

    attempts: (clientRrn) =>
      read(
        () =>
          all(
            'select * from payment_attempts where client_rrn = ? order by created_at, psp_rrn',
            clientRrn,
          ) as never,
      ),

    dueAttempts: (now, limit) =>
      read(() => {
        if (!(limit > 0)) return []
        return all(
          `select a.client_rrn as a_client_rrn, a.psp_rrn as a_psp_rrn, a.state as a_state,
             a.outcome as a_outcome, a.checks as a_checks, a.next_check_at as a_next_check_at,
             a.created_at as a_created_at, a.checked_at as a_checked_at, o.*
           from payment_attempts a join orders o on o.client_rrn = a.client_rrn
           where a.next_check_at is not null and a.next_check_at <= ?
           order by a.next_check_at, a.client_rrn, a.psp_rrn limit ?`,
          now.toISOString(),
          Math.trunc(limit),
        ).map(splitAttemptRow)
      }),

    claimMessages: async (now, { limit, leaseMs }) => {
      const at = now.toISOString()
      // Most passes find nothing due: a read says so without taking the write lock (which other
      // processes on the file would wait for).
      const due = await read(() =>
        get(
          `select 1 as found from outbox
           where status = 'pending' and next_attempt_at <= ? and (locked_until is null or locked_until <= ?)
           limit 1`,
          at,
          at,
        ),
      )
      if (!due) return []
      return write(() => {
        const until = new Date(now.getTime() + leaseMs).toISOString()
        return all(
          `update outbox set locked_until = ?, updated_at = ?
           where id in (select id from outbox
                        where status = 'pending' and next_attempt_at <= ?
                          and (locked_until is null or locked_until <= ?)
                        order by next_attempt_at limit ?)
           returning *`,
          until,
          at,
          at,
          at,
          Math.max(0, Math.trunc(limit)),
        ).map(toMessage)
      })
    },

    recordDelivery: (id, record, now) =>
      write(() => {
        const at = now.toISOString()
        if (!get('select 1 as found from outbox where id = ?', id)) return
        // Numbered over the message's whole life, across resends (its `attempts` counts one round).
        const tried = get('select count(*) as n from deliveries where message_id = ?', id) as { n: number }
        run(
          `insert into deliveries (message_id, attempt, at, duration_ms, ok, status_code, error)
           values (?, ?, ?, ?, ?, ?, ?)`,
          id,
          tried.n + 1,
          at,
          Math.max(0, Math.round(record.duration_ms)),
          record.ok ? 1 : 0,
          record.status_code,
          record.error,
        )
        run(
          `update outbox set attempts = attempts + 1, status = ?, next_attempt_at = ?, locked_until = null,
             last_error = ?, last_status_code = ?, updated_at = ?,
             delivered_at = case when ? = 'delivered' then ? else delivered_at end
           where id = ?`,
          record.status,
          record.status === 'pending' ? record.next_attempt_at : null,
          record.error,
          record.status_code,
          at,
          record.status,
          at,
          id,
        )
      }),

    requeueMessage: (id, now) =>
      write(() => {
        const at = now.toISOString()
        const row = get(
          `update outbox set status = 'pending', attempts = 0, next_attempt_at = ?, locked_until = null,
             updated_at = ?
           where id = ? and (status <> 'pending' or locked_until is null or locked_until <= ?)
           returning *`,
          at,
          at,
          id,
          at,
        )
        return row ? toMessage(row) : undefined
      }),

    revokeSession: (sid, expiresAt, now) =>
      write(() => {
        run('delete from revoked_sessions where expires_at <= ?', now.toISOString())
        run(
          'insert into revoked_sessions (sid, expires_at) values (?, ?) on conflict (sid) do nothing',
          sid,
          expiresAt.toISOString(),
        )
      }),
    sessionRevoked: (sid) =>
      read(() => get('select 1 as found from revoked_sessions where sid = ?', sid) !== undefined),
    getMessage: (id) =>
      read(() => {
        const row = get('select * from outbox where id = ?', id)
        return row ? toMessage(row) : undefined
      }),
    messages: (clientRrn) =>
      read(() =>
        all('select * from outbox where client_rrn = ? order by created_at, id', clientRrn).map(toMessage),
      ),
    deliveries: (messageId) =>
      read(() => all('select * from deliveries where message_id = ? order by id', messageId).map(toDelivery)),

    async ping() {
      await read(() => get('select 1 as one'))
    },

    close() {
      closing ??= (async () => {
        // Kysely, if it was ever made, closes the database it was given; otherwise the store does.
        if (hasQueryBuilder()) await (await queryBuilder()).destroy()
        if (sqlite.open) sqlite.close()
      })()
      return closing
    },
  }

  function updateAttempt(clientRrn: string, pspRrn: string, update: AttemptUpdate, at: string) {
    run(
      `update payment_attempts set state = ?, outcome = ?, checks = ?, next_check_at = ?, checked_at = ?
       where client_rrn = ? and psp_rrn = ?`,
      update.state,
      update.outcome,
      update.checks,
      update.next_check_at,
      at,
      clientRrn,
      pspRrn,
    )
  }
}
