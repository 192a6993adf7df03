/**
 * The orders list's query string — status, period (Baku days), search and the keyset cursor —
 * read strictly into the store's {@link OrderFilter}, and written back into links (Newer, Older,
 * CSV) that carry the same filter.
 */
import { isClientRrn, ORDER_STATUSES, type OrderStatus } from '@portmanat-checkout/shared'
import type { OrderCursor, OrderFilter } from '../store/reports.ts'
import { addDays, bakuDay, isoDay, type Period, parseIsoDay, startOfBakuDay } from './baku-time.ts'

/** The filter as the form shows it (strings, as typed). */
export interface FilterForm {
  status: OrderStatus | ''
  /** `YYYY-MM-DD`, Baku day, inclusive */
  from: string
  /** `YYYY-MM-DD`, Baku day, inclusive */
  to: string
  q: string
}

export interface ListQuery {
  form: FilterForm
  filter: OrderFilter
  after?: OrderCursor
  before?: OrderCursor
  /** A value was present but not valid, and was left out. */
  invalid: boolean
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
/** What a reference looks like: printable, no spaces inside (client_rrn, psp_rrn, the merchant's own). */
const SEARCH = /^[\x21-\x7e]{1,200}$/

/**
 * A keyset cursor: the last row's `created_at` and its key (an order's `client_rrn`, a message's
 * id), as the orders list and the dead deliveries page page by them.
 */
export interface Keyset {
  created_at: string
  key: string
}

/** A cursor for a link: `{created_at}~{key}` in base64url. */
export function encodeCursor({ created_at, key }: Keyset): string {
  return Buffer.from(`${created_at}~${key}`).toString('base64url')
}

/** The cursor a query value carries, if it is one and `valid` accepts its two parts. */
export function decodeCursor(
  value: string | undefined,
  valid: (cursor: Keyset) => boolean,
): Keyset | undefined {
  if (!value || value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) return undefined
  const [created_at = '', key = '', ...rest] = Buffer.from(value, 'base64url').toString().split('~')
  const cursor = { created_at, key }
  return rest.length === 0 && valid(cursor) ? cursor : undefined
}

const orderKeyset = (cursor: OrderCursor): Keyset => ({
  created_at: cursor.created_at,
  key: cursor.client_rrn,
})

function decodeOrderCursor(value: string | undefined): OrderCursor | undefined {
  const cursor = decodeCursor(
    value,
    ({ created_at, key }) => ISO_INSTANT.test(created_at) && isClientRrn(key),
  )
  return cursor ? { created_at: cursor.created_at, client_rrn: cursor.key } : undefined
}

const isStatus = (value: string): value is OrderStatus =>
  (ORDER_STATUSES as readonly string[]).includes(value)

/** Reads the list's query; anything not valid is dropped and flagged, never an error. */
export function readListQuery(query: (name: string) => string | undefined): ListQuery {
  let invalid = false
  const rawStatus = query('status') ?? ''
  const status = isStatus(rawStatus) ? rawStatus : ''
  if (rawStatus && !status) invalid = true

  const day = (name: string) => {
    const raw = query(name) ?? ''
    const parsed = parseIsoDay(raw)
    if (raw && !parsed) invalid = true
    return parsed
  }
  const from = day('from')
  const to = day('to')

  const rawSearch = (query('q') ?? '').trim()
  const q = SEARCH.test(rawSearch) ? rawSearch : ''
  if (rawSearch && !q) invalid = true

  const cursor = (name: string) => {
    const raw = query(name)
    const parsed = decodeOrderCursor(raw)
    if (raw && !parsed) invalid = true
    return parsed
  }
  const after = cursor('after')
  const before = after ? undefined : cursor('before')

  const filter: OrderFilter = {
    ...(status ? { status: [status] } : {}),
    ...(from ? { since: startOfBakuDay(from) } : {}),
    ...(to ? { until: startOfBakuDay(addDays(to, 1)) } : {}),
    ...(q ? { search: q } : {}),
  }
  return {
    form: { status, from: from ? isoDay(from) : '', to: to ? isoDay(to) : '', q },
    filter,
    ...(after ? { after } : {}),
    ...(before ? { before } : {}),
    invalid,
  }
}

/** The query string of a filter (empty values left out), with a cursor if given. */
export function listHref(
  path: string,
  form: FilterForm,
  cursor?: { after: OrderCursor } | { before: OrderCursor },
): string {
  const params = new URLSearchParams()
  if (form.status) params.set('status', form.status)
  if (form.from) params.set('from', form.from)
  if (form.to) params.set('to', form.to)
  if (form.q) params.set('q', form.q)
  if (cursor && 'after' in cursor) params.set('after', encodeCursor(orderKeyset(cursor.after)))
  if (cursor && 'before' in cursor) params.set('before', encodeCursor(orderKeyset(cursor.before)))
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

/** A period as the form's inclusive `from`/`to` days. */
export function periodForm(period: Period): Pick<FilterForm, 'from' | 'to'> {
  return {
    from: isoDay(bakuDay(period.since)),
    to: isoDay(bakuDay(new Date(period.until.getTime() - 1))),
  }
}
