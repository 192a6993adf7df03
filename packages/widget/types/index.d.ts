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
 * - `origin`: 403 `origin_not_allowed` (the shop's origin is missing from `ALLOWED_ORIGINS`)
 * - `not_found`: 404 of an item (not for sale)
 * - `rate_limited`: 429 (`retryAfter` from `Retry-After`)
 * - `server`: 5xx, 409, an answer that is not the documented JSON
 * - `network`: no answer (offline, CORS refused, 15 s timeout), or the modal could not load
 */
export type ErrorKind = 'config' | 'origin' | 'not_found' | 'rate_limited' | 'server' | 'network'

/** A failed call to the signing server. `message` is for developers. */
export interface WidgetError {
  kind: ErrorKind
  status?: number
  code?: string
  retryAfter?: number
  message: string
}

/** `ready` fires once per element, when its button is on the page and works. */
export type CheckoutEventName = 'ready' | 'success' | 'pending' | 'error' | 'cancel'

/** Why a `failed` or `expired` payment failed, when the server says. */
export type FailureReason = 'declined' | 'cancelled' | 'mismatch' | 'test_mode' | 'unknown_rrn' | 'expired'

/** Detail of the `portmanat:*` events and argument of the `on*` callbacks. */
export interface CheckoutEventDetail {
  client_rrn?: string
  status?: OrderStatus
  reason?: FailureReason
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
  /** How many of it, when the catalog allows more than one (`max_quantity`). @default 1 */
  quantity?: number
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

/** The attributes of `<portmanat-checkout>` (all strings, as in HTML). */
export interface PortmanatCheckoutAttributes {
  /** The catalogue item (required). */
  item: string
  /** How many of it, when the catalog allows more than one (`max_quantity`); the server multiplies. */
  quantity?: string | number
  /** Fetch and show the price on the button (a boolean attribute). */
  'show-price'?: boolean | '' | 'true' | 'false'
  /** The button's text. @default the localised "Pay" */
  label?: string
  locale?: Locale | (string & {})
  theme?: Theme
  'return-url'?: string
  endpoint?: string
}

/** The `portmanat:*` events, as `addEventListener` sees them on the element or the document. */
export interface PortmanatCheckoutEventMap {
  'portmanat:ready': CustomEvent<CheckoutEventDetail>
  'portmanat:success': CustomEvent<CheckoutEventDetail>
  'portmanat:pending': CustomEvent<CheckoutEventDetail>
  'portmanat:error': CustomEvent<CheckoutEventDetail>
  'portmanat:cancel': CustomEvent<CheckoutEventDetail>
}

declare global {
  interface HTMLElementTagNameMap {
    'portmanat-checkout': HTMLElement
  }
  // The events bubble and are composed: the document hears them too.
  interface HTMLElementEventMap extends PortmanatCheckoutEventMap {}
  interface DocumentEventMap extends PortmanatCheckoutEventMap {}
}
