/**
 * The events an order change produces and the outbox messages that carry them: one event, with
 * one id, and one message per channel that wants it.
 */
import type { OrderStatus } from '@portmanat-checkout/shared'
import { toCanonical } from '@portmanat-checkout/shared'
import type { Channel, EventType, NewOutboxMessage, Order } from '../store/types.ts'
import type { EventData, OrderEvent } from './types.ts'

const TYPES: Partial<Record<OrderStatus, EventType>> = {
  pending: 'order.pending',
  paid: 'order.paid',
  failed: 'order.failed',
  expired: 'order.expired',
}

/** The event type a move into `status` is told as, if any (`created` is not). */
const eventTypeOf = (status: OrderStatus): EventType | undefined => TYPES[status]

/** An order as events tell it. `livemode` falls back to the server's mode for orders older than the field. */
export function eventData(order: Order, liveFallback: boolean): EventData {
  return {
    livemode: order.livemode ?? liveFallback,
    client_rrn: order.client_rrn,
    status: order.status,
    reason: order.reason,
    amount: toCanonical(order.qepik),
    title: order.title,
    description: order.description,
    item_id: order.item_id,
    quantity: order.quantity,
    reference: order.reference,
    psp_rrn: order.psp_rrn,
    bank_rrn: order.bank_rrn,
    locale: order.locale,
    created_at: order.created_at,
    updated_at: order.updated_at,
  }
}

export interface MessageFactory {
  /** The channels configured, each with the event types it wants. */
  routes: readonly { channel: Channel; wants: (type: EventType) => boolean }[]
  live: boolean
  random: (n: number) => Uint8Array
}

const id = (prefix: string, random: (n: number) => Uint8Array) =>
  `${prefix}_${Buffer.from(random(12)).toString('hex')}`

/**
 * The messages that tell of `order` having moved from `previous` to its status: none when the
 * status did not change or no channel wants the event.
 */
export function messagesFor(
  factory: MessageFactory,
  order: Order,
  previous: OrderStatus,
): NewOutboxMessage[] {
  const type = previous === order.status ? undefined : eventTypeOf(order.status)
  if (!type) return []
  const routes = factory.routes.filter((route) => route.wants(type))
  if (routes.length === 0) return []
  const event: OrderEvent = { type, timestamp: order.updated_at, data: eventData(order, factory.live) }
  const payload = JSON.stringify(event)
  const event_id = id('evt', factory.random)
  return routes.map(({ channel }) => ({
    id: id('msg', factory.random),
    event_id,
    channel,
    type,
    client_rrn: order.client_rrn,
    payload,
  }))
}
