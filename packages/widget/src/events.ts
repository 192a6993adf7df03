/** The `portmanat:*` events of the element and `open()`'s callbacks. */
import type { OrderStatus } from '@portmanat-checkout/shared'
import type { WidgetError } from './api.ts'

export type CheckoutEventName = 'success' | 'pending' | 'error' | 'cancel'

/** Detail of the `portmanat:*` events and argument of the `on*` callbacks. */
export interface CheckoutEventDetail {
  client_rrn?: string
  status?: OrderStatus
  error?: WidgetError
}

/** `open()`'s callbacks, keyed by the event's name capitalised. */
export type Callbacks = Partial<
  Record<`on${Capitalize<CheckoutEventName>}`, (detail: CheckoutEventDetail) => void>
>
