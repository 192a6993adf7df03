/**
 * What our server writes, as rows: the one place the raw "same writes" baselines and the seeded
 * database follow the server's schema. Read from packages/server/src/store/sqlite-store.ts (and
 * pg-store.ts):
 * - a checkout inserts the order and one `order_events` row, in one transaction;
 * - the callback's created → pending first records the payment attempt (its own transaction,
 *   committed before `/check` is asked: the write-ahead reference), then updates the attempt and
 *   the order and inserts one event in a second transaction (plus one `outbox` row per configured
 *   channel; the bench configures none).
 * When the ledger changes, change these functions and nothing else.
 */

export type Value = string | number | null

/** One row to insert. */
export interface Insert {
  table: string
  row: Record<string, Value>
}

/** What a checkout knows about the order it stores. */
export interface NewOrder {
  client_rrn: string
  qepik: number
  item_id: string
  title: string
  description: string | null
  return_url: string | null
  client_ip: string | null
}

/** The rows of an order in `status` (final states carry references), with the event of its creation. */
export function orderRow(order: NewOrder, at: string, status = 'created', extra: Record<string, Value> = {}) {
  return {
    client_rrn: order.client_rrn,
    qepik: order.qepik,
    item_id: order.item_id,
    title: order.title,
    description: order.description,
    reference: null,
    return_url: order.return_url,
    locale: null,
    status,
    reason: null,
    psp_rrn: null,
    bank_rrn: null,
    client_ip: order.client_ip,
    idempotency_key: null,
    request_hash: null,
    order_token: null,
    quantity: 1,
    livemode: 0,
    created_at: at,
    updated_at: at,
    ...extra,
  } satisfies Record<string, Value>
}

export function eventRow(
  client_rrn: string,
  from: string | null,
  to: string,
  at: string,
  { detail = null, reason = null }: { detail?: Value; reason?: Value } = {},
) {
  return { client_rrn, from_status: from, to_status: to, reason, detail, at } satisfies Record<string, Value>
}

/** `POST /api/checkout` of a catalog item: the order and its `created` event, one transaction. */
export function checkoutWrites(order: NewOrder, at: string): Insert[] {
  return [
    { table: 'orders', row: orderRow(order, at) },
    { table: 'order_events', row: eventRow(order.client_rrn, null, 'created', at) },
  ]
}

/** A payment attempt as the callback records it before asking `/check`. */
export function attemptRow(client_rrn: string, psp_rrn: string, at: string, nextCheckAt: string) {
  return {
    client_rrn,
    psp_rrn,
    state: 'open',
    outcome: null,
    checks: 0,
    next_check_at: nextCheckAt,
    created_at: at,
    checked_at: null,
  } satisfies Record<string, Value>
}

/**
 * The callback's created → pending (`/check` said code 1), as two transactions: the attempt
 * written ahead, then the answer recorded on it, the order moved and the event inserted.
 */
export function pendingWrites(client_rrn: string, psp_rrn: string, at: string, nextCheckAt: string) {
  return {
    ahead: [
      { table: 'payment_attempts', row: attemptRow(client_rrn, psp_rrn, at, nextCheckAt) },
    ] satisfies Insert[],
    attempt: {
      table: 'payment_attempts',
      set: { state: 'pending', outcome: 'pending', checks: 1, next_check_at: nextCheckAt, checked_at: at },
      where: { client_rrn, psp_rrn },
      returning: ['state'],
    },
    update: {
      table: 'orders',
      set: { status: 'pending', psp_rrn, updated_at: at },
      where: { client_rrn, status: 'created' },
      returning: ['return_url'],
    },
    inserts: [
      {
        table: 'order_events',
        row: eventRow(client_rrn, 'created', 'pending', at, { detail: JSON.stringify({ code: 1, psp_rrn }) }),
      },
    ] satisfies Insert[],
  }
}

/** One UPDATE: `set` the columns of the rows matching every `where`, returning some columns. */
export interface Update {
  table: string
  set: Record<string, Value>
  where: Record<string, Value>
  returning: string[]
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`)
  return name
}

/** `INSERT INTO t (a, b) VALUES (?, ?)` for SQLite. */
export function sqliteInsert({ table, row }: Insert): { sql: string; params: Value[] } {
  const columns = Object.keys(row).map(ident)
  return {
    sql: `insert into ${ident(table)} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    params: Object.values(row),
  }
}

/** `UPDATE … SET … WHERE … RETURNING …` for SQLite (`?`) or PostgreSQL (`$n`, numbered from `from`). */
export function updateSql(update: Update, engine: 'sqlite' | 'postgres', from = 1) {
  const params: Value[] = []
  const mark = (value: Value) => {
    params.push(value)
    return engine === 'sqlite' ? '?' : `$${from + params.length - 1}`
  }
  const set = Object.entries(update.set).map(([column, value]) => `${ident(column)} = ${mark(value)}`)
  const where = Object.entries(update.where).map(([column, value]) => `${ident(column)} = ${mark(value)}`)
  return {
    sql: `update ${ident(update.table)} set ${set.join(', ')} where ${where.join(' and ')} returning ${update.returning.map(ident).join(', ')}`,
    params,
  }
}

/**
 * Several inserts as one PostgreSQL statement (data-modifying CTEs): one round trip, atomic. A
 * foreign key between them holds, since constraint triggers fire at the end of the statement.
 */
export function postgresInserts(inserts: Insert[]): { sql: string; params: Value[] } {
  const params: Value[] = []
  const parts = inserts.map(({ table, row }) => {
    const columns = Object.keys(row).map(ident)
    const marks = Object.values(row).map((value) => {
      params.push(value)
      return `$${params.length}`
    })
    return `insert into ${ident(table)} (${columns.join(', ')}) values (${marks.join(', ')})`
  })
  if (parts.length === 1) return { sql: parts[0] ?? '', params }
  const ctes = parts.map((part, i) => `w${i} as (${part})`)
  return { sql: `with ${ctes.join(', ')} select 1`, params }
}
