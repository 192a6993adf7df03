/**
 * What our server writes, as rows: the one place the raw "same writes" baselines and the seeded
 * database follow the server's schema. Read from packages/server/src/store/kysely-store.ts: today a
 * checkout inserts the order and one `order_events` row in one transaction, and the callback's
 * created → pending updates the order and inserts one event. When the ledger changes (payment
 * attempts, an outbox row in the same transaction), change these functions and nothing else.
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
    check_attempts: 0,
    next_check_at: null,
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

/** The callback's created → pending (`/check` said code 1): one UPDATE and one event, one transaction. */
export function pendingWrites(client_rrn: string, psp_rrn: string, at: string, nextCheckAt: string) {
  return {
    update: {
      table: 'orders',
      set: { status: 'pending', psp_rrn, check_attempts: 0, next_check_at: nextCheckAt, updated_at: at },
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

export type Update = ReturnType<typeof pendingWrites>['update']

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
