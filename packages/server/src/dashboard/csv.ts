/**
 * The orders of a filter as CSV for reconciliation with the bank statement: UTF-8 with a BOM (so
 * Excel reads Azerbaijani letters right), CRLF lines, RFC 4180 quoting, and no cell that a
 * spreadsheet would run as a formula. Streamed a batch at a time from the store: memory stays flat
 * whatever the number of orders.
 */
import { toCanonical } from '@portmanat-checkout/shared'
import type { Order } from '../store/types.ts'

export const CSV_COLUMNS = [
  'client_rrn',
  'psp_rrn',
  'bank_rrn',
  'amount',
  'status',
  'reason',
  'created_at',
  'updated_at',
  'title',
  'reference',
  'item_id',
  'quantity',
  'livemode',
] as const

const BOM = '\uFEFF'

/**
 * One cell. A value a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
 * return before one) gets a leading `'`, as OWASP advises; then RFC 4180 quoting when needed.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvRow(order: Order): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null> = {
    client_rrn: order.client_rrn,
    psp_rrn: order.psp_rrn,
    bank_rrn: order.bank_rrn,
    // A number cell, never a formula: canonical amounts are digits and one dot.
    amount: toCanonical(order.qepik),
    status: order.status,
    reason: order.reason,
    created_at: order.created_at,
    updated_at: order.updated_at,
    title: order.title,
    reference: order.reference,
    item_id: order.item_id,
    quantity: order.quantity,
    livemode: order.livemode === null ? null : order.livemode ? 'true' : 'false',
  }
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',')}\r\n`
}

/**
 * A byte stream of the CSV: the header at once, then rows as the store yields them, one pull
 * (about a batch of rows) at a time so a slow client slows the reading instead of filling memory.
 */
export function csvStream(
  orders: AsyncIterable<Order>,
  { rowsPerChunk = 200 } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const iterator = orders[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`${BOM}${CSV_COLUMNS.join(',')}\r\n`))
      },
      async pull(controller) {
        let chunk = ''
        for (let i = 0; i < rowsPerChunk; i++) {
          const next = await iterator.next()
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk))
            controller.close()
            return
          }
          chunk += csvRow(next.value)
        }
        controller.enqueue(encoder.encode(chunk))
      },
      async cancel() {
        await iterator.return?.()
      },
    },
    // Pull again only when the consumer has taken what was queued.
    { highWaterMark: 1 },
  )
}
