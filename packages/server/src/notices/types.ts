/**
 * The contract between the outbox and its senders. The outbox (`../outbox/types.ts`, the lead's)
 * will own these; they are spelt here exactly as agreed until both point to one place.
 */

export type Channel = 'webhook' | 'telegram' | 'email'
export type EventType = 'order.pending' | 'order.paid' | 'order.failed' | 'order.expired'

export interface OutboxMessage {
  /** the outbox row id */
  id: string
  /** stable across retries and channels, e.g. 'evt_…' (Standard Webhooks webhook-id) */
  event_id: string
  channel: Channel
  type: EventType
  client_rrn: string
  /** JSON text of the event: {"type", "timestamp", "data": EventData} */
  payload: string
  /** attempts already made before this one */
  attempts: number
  /** ISO */
  created_at: string
}

export interface EventData {
  livemode: boolean
  client_rrn: string
  status: 'created' | 'pending' | 'paid' | 'failed' | 'expired'
  reason: string | null
  /** canonical decimal string, e.g. "5.23" (AZN); never a float */
  amount: string
  title: string
  description: string | null
  item_id: string | null
  quantity: number
  reference: string | null
  psp_rrn: string | null
  bank_rrn: string | null
  /** the buyer's locale */
  locale: 'az' | 'en' | 'ru' | null
  created_at: string
  updated_at: string
}

export interface DeliveryOutcome {
  ok: boolean
  /** HTTP status (Telegram) or SMTP reply code (e-mail), when there was one */
  status_code?: number
  /** short, safe text for the delivery log: never a token, password or full URL with credentials */
  error?: string
  /** true when retrying cannot help (e.g. Telegram 400 chat not found, 401 bad token; SMTP 5xx permanent) */
  permanent?: boolean
}

export type Sender = (message: OutboxMessage, signal: AbortSignal) => Promise<DeliveryOutcome>
