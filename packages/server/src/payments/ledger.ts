/**
 * Every change of an order's state goes through here: a compare-and-set in the store that writes,
 * in the same transaction, the event log row and the outbox messages that report the change; one
 * log line; a nudge to the outbox worker when they wrote any. Routes and jobs never call
 * `store.transition` directly.
 */
import type { Config } from '../config.ts'
import type { Logger } from '../logger.ts'
import { type MessageFactory, messagesFor } from '../outbox/events.ts'
import type { AttemptUpdate, Order, Store, Transition } from '../store/types.ts'

/** What code that moves orders needs. */
export interface Ledger {
  config: Config
  store: Store
  clock: () => Date
  logger: Logger
  /** Builds the outbox messages of a change (the channels configured). */
  messages: MessageFactory
  /** Tells the outbox worker, if one runs in this process, that messages were written. */
  wakeOutbox: () => void
}

/**
 * The messages of changes made through `ledger`, for the store to write with them; `written()`
 * says whether any was made, so the outbox worker is woken only when it has something to send.
 */
export function messagesOf(ledger: Ledger) {
  let made = 0
  const build = (updated: Order, previous: Order['status']) => {
    const messages = messagesFor(ledger.messages, updated, previous)
    made += messages.length
    return messages
  }
  return Object.assign(build, { written: () => made > 0 })
}

/** Logs a change of state, and wakes the outbox when the change wrote messages. */
export function announce(ledger: Ledger, from: Order['status'], order: Order, wroteMessages: boolean): void {
  ledger.logger.info(
    {
      event: 'order.transition',
      client_rrn: order.client_rrn,
      from,
      to: order.status,
      reason: order.reason,
      livemode: order.livemode,
    },
    'order transition',
  )
  if (wroteMessages) ledger.wakeOutbox()
}

/**
 * Moves an order if its state is still one of `change.from`; returns the updated order, or
 * undefined when another request moved it first (the caller then reads it again). `attempt`
 * records the `/check` answer behind the change on its attempt, in the same transaction.
 */
export async function moveOrder(
  ledger: Ledger,
  order: Order,
  change: Transition,
  attempt?: { psp_rrn: string; update: AttemptUpdate },
): Promise<Order | undefined> {
  const messages = messagesOf(ledger)
  const updated = await ledger.store.transition(order.client_rrn, change, ledger.clock(), {
    messages,
    ...(attempt ? { attempt } : {}),
  })
  if (updated && updated.status !== order.status) {
    announce(ledger, order.status, updated, messages.written())
  }
  return updated
}
