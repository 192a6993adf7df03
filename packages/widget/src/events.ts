/** The `portmanat:*` events of the element and `open()`'s callbacks. */
import type { FailureReason, OrderStatus } from '@portmanat-checkout/shared'
import type { WidgetError } from './api.ts'

/** Why a payment failed, as the server tells it (the shared package's list, one source of truth). */
export type { FailureReason }

/** `ready` fires once per element, when its button is on the page and works. */
export type CheckoutEventName = 'ready' | 'success' | 'pending' | 'error' | 'cancel'

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
