/**
 * The read queries of the operator's tools (the dashboard and the CLI), on Kysely for both
 * engines: orders a page at a time, newest first (keyset on `(created_at, client_rrn)`, indexed,
 * so page 50 000 costs what page 1 does), totals, a streamed export, and the outbox's messages.
 */
import type { OrderStatus } from '@portmanat-checkout/shared'
import { type Kysely, sql } from 'kysely'
import { toMessage, toOrder } from './rows.ts'
import type { Database } from './tables.ts'
import type { Channel, MessageStatus, Order, OutboxMessage } from './types.ts'

/** Which orders a list, a total or an export covers; every field narrows. */
export interface OrderFilter {
  status?: readonly OrderStatus[]
  /** Created at or after (inclusive). */
  since?: Date
  /** Created before (exclusive). */
  until?: Date
  /**
   * An order's own reference: its `client_rrn`, a PSP reference any callback brought for it
   * (`psp_rrn`, exactly), or the merchant's `reference`.
   */
  search?: string
  /** Live orders only (true), sandbox ones only (false). */
  livemode?: boolean
}

/** Where a page ends: the last order shown. */
export interface OrderCursor {
  created_at: string
  client_rrn: string
}

export interface OrderPage {
  orders: Order[]
  /** Pass as `after` for the next (older) page; absent on the last page. */
  next?: OrderCursor
  /** Pass as `before` for the previous (newer) page; absent on the first page. `listOrders` only. */
  previous?: OrderCursor
}

export interface PaidTotals {
  count: number
  /** Integer qəpik. */
  qepik: number
}

export interface MessageFilter {
  status?: MessageStatus
  channel?: Channel
  /** Newer first; the id of the last message of the previous page. */
  before?: { created_at: string; id: string }
  limit: number
}

export interface Reports {
  /**
   * One page of orders, newest first: the newest ones, those just older than `after`, or (for a
   * "Newer" link) those just newer than `before`. Each way is one range of the keyset index.
   */
  listOrders(
    filter: OrderFilter,
    page: { limit: number; after?: OrderCursor; before?: OrderCursor },
  ): Promise<OrderPage>
  /** Every order the filter covers, newest first, read in batches (for a streamed CSV). */
  exportOrders(filter: OrderFilter, batch?: number): AsyncIterable<Order>
  /** Paid orders created in the filter's period. */
  paidTotals(filter: OrderFilter): Promise<PaidTotals>
  listMessages(filter: MessageFilter): Promise<OutboxMessage[]>
  countMessages(status: MessageStatus): Promise<number>
  /** Pending messages due by `now`, and when the oldest of them fell due (the outbox's health). */
  dueMessages(now: Date): Promise<{ due: number; oldest: string | null }>
}

export function reports(db: Kysely<Database>): Reports {
  function filtered(filter: OrderFilter) {
    let query = db.selectFrom('orders')
    if (filter.status && filter.status.length > 0) query = query.where('status', 'in', [...filter.status])
    if (filter.since) query = query.where('created_at', '>=', filter.since.toISOString())
    if (filter.until) query = query.where('created_at', '<', filter.until.toISOString())
    if (filter.livemode !== undefined) query = query.where('livemode', '=', filter.livemode ? 1 : 0)
    const search = filter.search?.trim()
    if (search) {
      // One IN over a union of three index lookups, not an OR of them: PostgreSQL cannot combine
      // an OR with a subquery through indexes and would read every order (bench/dashboard-scale.ts).
      query = query.where(
        sql<boolean>`client_rrn in (select ${search} union all select client_rrn from orders where reference = ${search} union all select client_rrn from payment_attempts where psp_rrn = ${search})`,
      )
    }
    return query
  }

  async function page(filter: OrderFilter, limit: number, after?: OrderCursor): Promise<OrderPage> {
    const size = Math.max(1, Math.min(500, Math.trunc(limit)))
    let query = filtered(filter).selectAll()
    if (after) {
      query = query.where(sql<boolean>`(created_at, client_rrn) < (${after.created_at}, ${after.client_rrn})`)
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('client_rrn', 'desc')
      .limit(size + 1)
      .execute()
    const orders = rows.slice(0, size).map((row) => toOrder(row as unknown as Record<string, unknown>))
    const last = orders.at(-1)
    return rows.length > size && last
      ? { orders, next: { created_at: last.created_at, client_rrn: last.client_rrn } }
      : { orders }
  }

  const cursorOf = (order: Order): OrderCursor => ({
    created_at: order.created_at,
    client_rrn: order.client_rrn,
  })

  /** Whether an order of the filter lies beyond `cursor` (older with `<`, newer with `>`). */
  async function beyond(filter: OrderFilter, side: '<' | '>', cursor: OrderCursor): Promise<boolean> {
    const row = await filtered(filter)
      .select('client_rrn')
      .where(
        sql<boolean>`(created_at, client_rrn) ${sql.raw(side)} (${cursor.created_at}, ${cursor.client_rrn})`,
      )
      .orderBy('created_at', side === '<' ? 'desc' : 'asc')
      .orderBy('client_rrn', side === '<' ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }

  /** The page just newer than `before`: read upwards along the index, shown newest first. */
  async function pageBefore(filter: OrderFilter, limit: number, before: OrderCursor): Promise<OrderPage> {
    const size = Math.max(1, Math.min(500, Math.trunc(limit)))
    const rows = await filtered(filter)
      .selectAll()
      .where(sql<boolean>`(created_at, client_rrn) > (${before.created_at}, ${before.client_rrn})`)
      .orderBy('created_at', 'asc')
      .orderBy('client_rrn', 'asc')
      .limit(size + 1)
      .execute()
    const orders = rows
      .slice(0, size)
      .map((row) => toOrder(row as unknown as Record<string, unknown>))
      .reverse()
    const first = orders[0]
    const last = orders.at(-1)
    return {
      orders,
      ...(rows.length > size && first ? { previous: cursorOf(first) } : {}),
      ...(last && (await beyond(filter, '<', cursorOf(last))) ? { next: cursorOf(last) } : {}),
    }
  }

  return {
    async listOrders(filter, { limit, after, before }) {
      if (before) return pageBefore(filter, limit, before)
      const result = await page(filter, limit, after)
      const first = result.orders[0]
      return after && first && (await beyond(filter, '>', cursorOf(first)))
        ? { ...result, previous: cursorOf(first) }
        : result
    },

    async *exportOrders(filter, batch = 500) {
      let after: OrderCursor | undefined
      do {
        const result = await page(filter, batch, after)
        yield* result.orders
        after = result.next
      } while (after)
    },

    async paidTotals(filter) {
      const row = await filtered({ ...filter, status: ['paid'] })
        .select((eb) => [
          eb.fn.countAll<string | number>().as('count'),
          eb.fn.sum<string | number | null>('qepik').as('qepik'),
        ])
        .executeTakeFirst()
      // PostgreSQL answers count and sum as strings (bigint, numeric): whole numbers either way.
      return { count: Number(row?.count ?? 0), qepik: Number(row?.qepik ?? 0) }
    },

    async listMessages({ status, channel, before, limit }) {
      let query = db.selectFrom('outbox').selectAll()
      if (status) query = query.where('status', '=', status)
      if (channel) query = query.where('channel', '=', channel)
      if (before) query = query.where(sql<boolean>`(created_at, id) < (${before.created_at}, ${before.id})`)
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.max(1, Math.min(500, Math.trunc(limit))))
        .execute()
      return rows.map((row) => toMessage(row as unknown as Record<string, unknown>))
    },

    async dueMessages(now) {
      const row = await db
        .selectFrom('outbox')
        .select((eb) => [
          eb.fn.countAll<string | number>().as('due'),
          eb.fn.min<string | null>('next_attempt_at').as('oldest'),
        ])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now.toISOString())
        .executeTakeFirst()
      return { due: Number(row?.due ?? 0), oldest: row?.oldest ?? null }
    },

    async countMessages(status) {
      const row = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .where('status', '=', status)
        .executeTakeFirst()
      return Number(row?.count ?? 0)
    },
  }
}
