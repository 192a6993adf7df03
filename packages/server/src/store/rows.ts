/**
 * What both engines share: how a row becomes an `Order` (or a message, a delivery, a due attempt),
 * and how a transition's fields are decided. Pure.
 */
import type { OrderStatus } from '@portmanat-checkout/shared'
import type { Delivery, NewOrder, Order, OutboxMessage, Transition } from './types.ts'

/** States whose `reason` stays meaningful; moving elsewhere clears it unless one is given. */
const FAILED_STATES: readonly OrderStatus[] = ['failed', 'expired']

/** Integer flags (0/1) as both engines store them. */
const flag = (value: unknown): boolean | null =>
  value === null || value === undefined ? null : Number(value) === 1

/** A row of `orders` (either engine) as an `Order`. */
export function toOrder(row: Record<string, unknown>): Order {
  return { ...(row as unknown as Order), livemode: flag(row.livemode) }
}

export function toMessage(row: Record<string, unknown>): OutboxMessage {
  return row as unknown as OutboxMessage
}

export function toDelivery(row: Record<string, unknown>): Delivery {
  return { ...(row as unknown as Delivery), ok: flag(row.ok) === true }
}

/** The row of a new order: only the columns of `NewOrder`, the rest at their start values. */
export function newOrderRow(order: NewOrder, at: string) {
  return {
    client_rrn: order.client_rrn,
    qepik: order.qepik,
    quantity: order.quantity ?? 1,
    item_id: order.item_id,
    title: order.title,
    description: order.description,
    reference: order.reference,
    return_url: order.return_url,
    locale: order.locale,
    status: 'created' as const,
    client_ip: order.client_ip,
    idempotency_key: order.idempotency_key,
    request_hash: order.request_hash,
    order_token: order.order_token,
    livemode: order.livemode ? 1 : 0,
    created_at: at,
    updated_at: at,
  }
}

/**
 * The fields a transition writes, given the order as it is: `undefined` keeps a column, `null`
 * clears it; a reason survives only in a failed state unless the change names one.
 */
export function transitionFields(current: Order, change: Transition, at: string) {
  const reason =
    change.reason !== undefined ? change.reason : FAILED_STATES.includes(change.to) ? current.reason : null
  return {
    status: change.to,
    reason,
    psp_rrn: change.psp_rrn !== undefined ? change.psp_rrn : current.psp_rrn,
    bank_rrn: change.bank_rrn !== undefined ? change.bank_rrn : current.bank_rrn,
    client_ip: change.client_ip !== undefined ? change.client_ip : current.client_ip,
    updated_at: at,
  }
}

/** The detail column of an event. */
export const detailText = (change: Transition) =>
  change.detail === undefined ? null : JSON.stringify(change.detail)

/** A joined row of `dueAttempts`: the attempt's columns carry an `a_` prefix, the order's none. */
export function splitAttemptRow(row: Record<string, unknown>) {
  const attempt: Record<string, unknown> = {}
  const order: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith('a_')) attempt[key.slice(2)] = value
    else order[key] = value
  }
  return { attempt: attempt as never, order: toOrder(order) }
}
