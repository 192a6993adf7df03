/** The `portmanat:*` events of the element and `open()`'s callbacks. */
import type { OrderStatus } from '@portmanat-checkout/shared'
import type { WidgetError } from './api.ts'

/** `ready` fires once per element, when its button is on the page and works. */
export type CheckoutEventName = 'ready' | 'success' | 'pending' | 'error' | 'cancel'

/**
 * Why a payment failed, as the server tells it: the bank `declined` the card, the buyer
 * `cancelled` on the PSP's pages, the order `expired` unpaid, or the PSP's answer did not match
 * the order (`mismatch`, `test_mode`, `unknown_rrn`).
 */
export type FailureReason = 'declined' | 'cancelled' | 'mismatch' | 'test_mode' | 'unknown_rrn' | 'expired'

/** Detail of the `portmanat:*` events and argument of the `on*` callbacks. */
export interface CheckoutEventDetail {
  client_rrn?: string
  status?: OrderStatus
  /** Why a `failed` or `expired` payment failed, when the server says. */
  reason?: FailureReason
  error?: WidgetError
}

/** `open()`'s callbacks, keyed by the event's name capitalised. */
export type Callbacks = Partial<
  Record<`on${Capitalize<Exclude<CheckoutEventName, 'ready'>>}`, (detail: CheckoutEventDetail) => void>
>
