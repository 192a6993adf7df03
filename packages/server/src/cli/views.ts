/**
 * What `--json` prints: the ledger's rows as an operator's script wants them. Amounts are the
 * canonical string (`"5.23"`), never a float; JSON kept as text in the store is parsed; nothing
 * that lets someone act for the order (`order_token`) or idempotency bookkeeping is shown.
 */
import { eventData } from '../outbox/events.ts'
import type { Delivery, Order, OrderEvent, OutboxMessage, PaymentAttempt } from '../store/types.ts'

/**
 * An order for `--json`: a webhook's `data` (one definition, so the two cannot drift apart), plus
 * where the buyer came from and returns to. `livemode` stays `null` for an order older than the
 * field: the CLI shows the ledger as it is, where an event falls back to the server's mode.
 */
export const orderView = (order: Order) => ({
  ...eventData(order, false),
  livemode: order.livemode,
  return_url: order.return_url,
  client_ip: order.client_ip,
})

/** JSON text from the store, parsed; left as text if it is not JSON. */
function parsed(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export function eventView(event: OrderEvent) {
  return {
    at: event.at,
    from_status: event.from_status,
    to_status: event.to_status,
    reason: event.reason,
    detail: parsed(event.detail),
  }
}

export const attemptView = (attempt: PaymentAttempt) => ({ ...attempt })

/** A message of the outbox, without its payload (`withPayload` adds it, parsed). */
export function messageView(message: OutboxMessage, { withPayload = false } = {}) {
  const { payload, locked_until: _lease, ...rest } = message
  return withPayload ? { ...rest, payload: parsed(payload) } : rest
}

export const deliveryView = ({ id: _id, message_id: _message, ...delivery }: Delivery) => ({
  ...delivery,
  duration_ms: Math.round(delivery.duration_ms),
})
