/**
 * @module @portmanat-checkout/widget
 * Declarations of the ES module build (`dist/esm/index.js`), written by hand so they stand
 * alone (the workspace's shared package is not published). `src/public-types.test.ts` checks
 * them against the source in both directions.
 */

export type Locale = 'az' | 'en' | 'ru'

export type Theme = 'light' | 'dark' | 'auto'

export type OrderStatus = 'created' | 'pending' | 'paid' | 'failed' | 'expired'

/**
 * - `config`: 400, 413, 415 and other 4xx, a 404 of a payment (the embed or server is set up wrongly)
 * - `not_found`: 404 of an item (not for sale)
 * - `rate_limited`: 429 (`retryAfter` from `Retry-After`)
 * - `server`: 5xx, 409, an answer that is not the documented JSON
 * - `network`: no answer (offline, CORS refused, 15 s timeout)
 */
export type ErrorKind = 'config' | 'not_found' | 'rate_limited' | 'server' | 'network'

/** A failed call to the signing server. `message` is for developers. */
export interface WidgetError {
  kind: ErrorKind
  status?: number
  code?: string
  retryAfter?: number
  message: string
}

export type CheckoutEventName = 'success' | 'pending' | 'error' | 'cancel'

/** Detail of the `portmanat:*` events and argument of the `on*` callbacks. */
export interface CheckoutEventDetail {
  client_rrn?: string
  status?: OrderStatus
  error?: WidgetError
}

export interface CheckoutCallbacks {
  onSuccess?: (detail: CheckoutEventDetail) => void
  onPending?: (detail: CheckoutEventDetail) => void
  onError?: (detail: CheckoutEventDetail) => void
  onCancel?: (detail: CheckoutEventDetail) => void
}

export interface ReturnOptions extends CheckoutCallbacks {
  /** The signing server. @default the origin widget.js was loaded from, or `define({ endpoint })` */
  endpoint?: string
  /** @default the page's `<html lang>`, then the browser's languages, then `az` */
  locale?: Locale
  /** @default 'auto' */
  theme?: Theme
}

export interface OpenOptions extends ReturnOptions {
  item: string
  /** @default the current page without return parameters */
  returnUrl?: string
}

export interface OpenHandle {
  close: () => void
}

export interface DefineOptions {
  endpoint?: string
}

/** Registers `<portmanat-checkout>` (once; later calls return the existing definition). */
export declare function define(options?: DefineOptions): CustomElementConstructor

/** Opens the checkout modal for an item. Throws a `TypeError` for invalid options. */
export declare function open(options: OpenOptions): OpenHandle

/** Shows the payment result on the return page, if the URL carries one. */
export declare function handleReturn(options?: ReturnOptions): boolean

export declare const version: string
