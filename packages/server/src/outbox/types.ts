/**
 * What the outbox carries and what a channel must do with it. Every message to the outside is a
 * row written in the same transaction as the order change it reports; a worker claims due rows
 * and hands each to its channel's {@link Sender}.
 */
import type { FailureReason, Locale, OrderStatus } from '@portmanat-checkout/shared'
import type { Channel, EventType, OutboxMessage } from '../store/types.ts'

export type { Channel, EventType, OutboxMessage } from '../store/types.ts'

/** An order as every message tells it: nothing secret, no idempotency data, no order token. */
export interface EventData {
  /** False for sandbox orders: no money moved. */
  livemode: boolean
  client_rrn: string
  status: OrderStatus
  reason: FailureReason | null
  /** Canonical decimal string in manat, e.g. `"5.23"`. */
  amount: string
  title: string
  description: string | null
  item_id: string | null
  quantity: number
  /** The merchant's own reference (`POST /api/orders`). */
  reference: string | null
  psp_rrn: string | null
  bank_rrn: string | null
  /** The buyer's language. */
  locale: Locale | null
  created_at: string
  updated_at: string
}

/** The JSON body of every event (Standard Webhooks' recommended shape). */
export interface OrderEvent {
  type: EventType
  /** When the change happened (ISO 8601). */
  timestamp: string
  data: EventData
}

/** The result of one try at delivering a message. */
export interface DeliveryOutcome {
  ok: boolean
  /** HTTP status or SMTP reply code, when there was one. */
  status_code?: number
  /** Short and safe for the delivery log: never a token, a password or a URL with credentials. */
  error?: string
  /** Trying again cannot help (e.g. a bad bot token): the message is dead at once. */
  permanent?: boolean
}

/** Delivers one message on one channel; resolves (never rejects) with what happened. */
export type Sender = (message: OutboxMessage, signal: AbortSignal) => Promise<DeliveryOutcome>

/** A configured channel: how it sends and which events it wants. */
export interface Route {
  channel: Channel
  wants: (type: EventType) => boolean
  send: Sender
}
