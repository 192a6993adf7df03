/**
 * The tables as Kysely sees them. Column types mirror `Order` and `OrderEvent` in `types.ts`;
 * the database's own CHECK constraints (see `migrations.ts`) enforce the same unions.
 */
import type { Generated } from 'kysely'
import type { Order, OrderEvent } from './types.ts'

export type OrderRow = Order

export interface OrderEventRow extends Omit<OrderEvent, 'id'> {
  id: Generated<number>
}

export interface Database {
  orders: OrderRow
  order_events: OrderEventRow
}
