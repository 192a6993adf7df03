/**
 * The tables as Kysely sees them (migrations and the read queries of the dashboard and the CLI).
 * Column types mirror `types.ts`; flags are stored as integers 0/1 on both engines, and the
 * database's own CHECK constraints (see `migrations/`) enforce the same unions.
 */
import type { Generated } from 'kysely'
import type { Delivery, Order, OrderEvent, OutboxMessage, PaymentAttempt } from './types.ts'

export interface OrderRow extends Omit<Order, 'livemode'> {
  livemode: number | null
}

export interface OrderEventRow extends Omit<OrderEvent, 'id'> {
  id: Generated<number>
}

export type PaymentAttemptRow = PaymentAttempt

export type OutboxRow = OutboxMessage

export interface DeliveryRow extends Omit<Delivery, 'id' | 'ok'> {
  id: Generated<number>
  ok: number
}

/** A dashboard session ended by logging out, until it would have expired. */
export interface RevokedSessionRow {
  sid: string
  expires_at: string
}

export interface Database {
  orders: OrderRow
  order_events: OrderEventRow
  payment_attempts: PaymentAttemptRow
  outbox: OutboxRow
  deliveries: DeliveryRow
  revoked_sessions: RevokedSessionRow
}
