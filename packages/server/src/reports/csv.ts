/**
 * The orders of a filter as CSV, for reconciliation with the bank statement: UTF-8 with a BOM (so
 * Excel reads Azerbaijani letters right), CRLF line ends, RFC 4180 quoting, and no cell that a
 * spreadsheet would run as a formula. Written a batch of rows at a time as the store yields them,
 * so memory stays flat however many orders there are. One writer for every export (the CLI's
 * `orders export --csv`, the dashboard's download), so both give the same file.
 */
import { toCanonical } from '@portmanat-checkout/shared'
import type { Order } from '../store/types.ts'

/** The columns, in order: the reconciliation fields first, then what helps tell orders apart. */
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

export type CsvColumn = (typeof CSV_COLUMNS)[number]

/** Byte order mark: Excel takes a CSV without one for the machine's legacy code page. */
const CSV_BOM = '\uFEFF'

/** The first line: the BOM and the header row. */
export const csvHeader = (): string => `${CSV_BOM}${CSV_COLUMNS.join(',')}\r\n`

/**
 * One cell. Text a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) gets a leading `'`, as OWASP advises for CSV injection; then RFC 4180 quoting
 * where a comma, a quote or a line break needs it.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One order as a CRLF-ended row, the amount as its canonical string (`5.23`). */
export function csvRow(order: Order): string {
  const cells: Record<CsvColumn, string | number | null> = {
    client_rrn: order.client_rrn,
    psp_rrn: order.psp_rrn,
    bank_rrn: order.bank_rrn,
    amount: toCanonical(order.qepik),
    status: order.status,
    reason: order.reason,
    created_at: order.created_at,
    updated_at: order.updated_at,
    title: order.title,
    reference: order.reference,
    item_id: order.item_id,
    quantity: order.quantity,
    livemode: order.livemode === null ? null : String(order.livemode),
  }
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',')}\r\n`
}

/**
 * The whole file as text chunks: the header at once, then `rowsPerChunk` rows per chunk, read from
 * `orders` only as the consumer asks for the next chunk (a slow reader slows the reading).
 *
 * @example for await (const chunk of csvChunks(store.exportOrders(filter))) await write(chunk)
 */
export async function* csvChunks(
  orders: AsyncIterable<Order>,
  { rowsPerChunk = 200 }: { rowsPerChunk?: number } = {},
): AsyncGenerator<string> {
  yield csvHeader()
  let chunk = ''
  let rows = 0
  for await (const order of orders) {
    chunk += csvRow(order)
    rows += 1
    if (rows >= rowsPerChunk) {
      yield chunk
      chunk = ''
      rows = 0
    }
  }
  if (chunk) yield chunk
}
