/**
 * Reads a server's SQLite ledger to verify it, never to change it. The SQL names only the
 * columns the suites check, so new tables and columns (payment attempts, the outbox) do not break
 * it; the outbox is read generically, whatever its columns, once a table of that name exists.
 */
import Database from 'better-sqlite3'

export interface OrderState {
  status: string
  reason: string | null
}

export interface Ledger {
  orders: Map<string, OrderState>
  /** State changes (`from_status` differs from `to_status`), per order, in order. */
  transitions: Map<string, { from: string | null; to: string }[]>
  /** `PRAGMA integrity_check`: `ok` or the problems found. */
  integrity: string
  /** Undefined until the server has an `outbox` table. */
  outbox?: Outbox
}

export interface Outbox {
  /** The primary-key column, when the table has a single one. */
  key?: string
  rows: Record<string, unknown>[]
}

/** client_rrns (24 characters of 0-9a-z) mentioned anywhere in a row. */
export function rrnsIn(row: Record<string, unknown>): string[] {
  return JSON.stringify(row).match(/(?<![0-9a-z])[0-9a-z]{24}(?![0-9a-z])/g) ?? []
}

export function readLedger(file: string): Ledger {
  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .join('; ')
    const orders = new Map<string, OrderState>()
    for (const row of db.prepare('select client_rrn, status, reason from orders').iterate() as Iterable<{
      client_rrn: string
      status: string
      reason: string | null
    }>) {
      orders.set(row.client_rrn, { status: row.status, reason: row.reason })
    }
    const transitions = new Map<string, { from: string | null; to: string }[]>()
    const events = db
      .prepare(
        'select client_rrn, from_status, to_status from order_events where from_status is null or from_status <> to_status order by id',
      )
      .iterate() as Iterable<{ client_rrn: string; from_status: string | null; to_status: string }>
    for (const event of events) {
      const list = transitions.get(event.client_rrn) ?? []
      list.push({ from: event.from_status, to: event.to_status })
      transitions.set(event.client_rrn, list)
    }
    const hasOutbox = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'outbox'").get()
    let outbox: Outbox | undefined
    if (hasOutbox) {
      const columns = db.prepare('select name, pk from pragma_table_info(?)').all('outbox') as {
        name: string
        pk: number
      }[]
      const keys = columns.filter((column) => column.pk > 0)
      outbox = {
        ...(keys.length === 1 && keys[0] ? { key: keys[0].name } : {}),
        rows: db.prepare('select * from outbox').all() as Record<string, unknown>[],
      }
    }
    return { orders, transitions, integrity, ...(outbox ? { outbox } : {}) }
  } finally {
    db.close()
  }
}

/** States an order may be in after the server acknowledged `acked` for it. */
export function allowedAfter(acked: string): readonly string[] {
  switch (acked) {
    case 'paid':
      return ['paid']
    case 'failed':
      return ['failed']
    case 'pending':
      return ['pending', 'paid', 'failed']
    default:
      return ['created', 'pending', 'paid', 'failed', 'expired']
  }
}

export interface Attempt {
  psp_rrn: string
  state: string
  checks: number
  /** ISO time of the follow-up's next question about it, or null when none is scheduled. */
  next_check_at: string | null
}

/** Payment attempts per order, or undefined while the server has no `payment_attempts` table. */
export function readAttempts(file: string): Map<string, Attempt[]> | undefined {
  const db = new Database(file, { fileMustExist: true, readonly: true })
  try {
    const exists = db
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'payment_attempts'")
      .get()
    if (!exists) return undefined
    const byOrder = new Map<string, Attempt[]>()
    const rows = db
      .prepare('select client_rrn, psp_rrn, state, checks, next_check_at from payment_attempts')
      .all() as (Attempt & { client_rrn: string })[]
    for (const { client_rrn, ...attempt } of rows)
      byOrder.set(client_rrn, [...(byOrder.get(client_rrn) ?? []), attempt])
    return byOrder
  } finally {
    db.close()
  }
}
