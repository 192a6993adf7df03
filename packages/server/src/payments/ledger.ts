/**
 * Every change of an order's state goes through here: a compare-and-set in the store, one log
 * line, and a webhook event. Routes and the follow-up job never call `store.transition` directly.
 */
import type { Config } from './config.ts'
import type { Logger } from './logger.ts'
import type { Order, Store, Transition } from './store/types.ts'
import type { Webhooks } from './webhooks.ts'

/** What code that moves orders needs. */
export interface Ledger {
  config: Config
  store: Store
  clock: () => Date
  logger: Logger
  webhooks: Webhooks
}

/**
 * Moves an order if its state is still one of `change.from`; returns the updated order, or
 * undefined when another request moved it first (the caller then reads it again).
 */
export async function moveOrder(
  ledger: Ledger,
  order: Order,
  change: Transition,
): Promise<Order | undefined> {
  const updated = await ledger.store.transition(order.client_rrn, change, ledger.clock())
  if (!updated) return undefined
  if (updated.status !== order.status) {
    ledger.logger.info(
      {
        event: 'order.transition',
        client_rrn: order.client_rrn,
        from: order.status,
        to: updated.status,
        reason: updated.reason,
      },
      'order transition',
    )
    ledger.webhooks.orderChanged(updated)
  }
  return updated
}
