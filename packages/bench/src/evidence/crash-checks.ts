/** What must hold of a ledger after a crash, given what the server acknowledged before it. */
import { allowedAfter, type Ledger, rrnsIn } from './ledger-reader.ts'

export interface Acknowledged {
  /** client_rrns the server answered 201 for. */
  orders: Set<string>
  /** client_rrn → the status a callback answered with (`portmanat_status`). */
  changes: Map<string, string>
}

/** Everything wrong with the ledger after a crash, as readable lines. */
export function problems(ledger: Ledger, acked: Acknowledged, seenOutbox: Set<string>): string[] {
  const found: string[] = []
  if (ledger.integrity !== 'ok') found.push(`integrity_check: ${ledger.integrity}`)
  for (const rrn of acked.orders)
    if (!ledger.orders.has(rrn)) found.push(`acknowledged order ${rrn} is missing`)
  for (const [rrn, status] of acked.changes) {
    const now = ledger.orders.get(rrn)?.status ?? 'missing'
    if (!allowedAfter(status).includes(now)) found.push(`order ${rrn} was acknowledged ${status}, is ${now}`)
  }
  for (const [rrn, list] of ledger.transitions) {
    const targets = list.map((t) => t.to)
    if (new Set(targets).size !== targets.length)
      found.push(`order ${rrn} made a transition twice: ${targets.join(' → ')}`)
  }
  if (ledger.outbox) {
    const { key, rows } = ledger.outbox
    if (key) {
      const present = new Set(rows.map((row) => String(row[key])))
      for (const seen of seenOutbox) if (!present.has(seen)) found.push(`outbox row ${seen} disappeared`)
      for (const id of present) seenOutbox.add(id)
    }
    const named = new Set(rows.flatMap(rrnsIn))
    // Only when the rows name their orders at all; otherwise delivery (checked at the end) says it.
    if (named.size > 0) {
      for (const [rrn, status] of acked.changes) {
        if (status !== 'created' && !named.has(rrn)) found.push(`no outbox row for ${rrn} (${status})`)
      }
    }
  }
  return found
}
