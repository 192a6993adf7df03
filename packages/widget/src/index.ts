/**
 * @module @portmanat-checkout/widget
 * The Portmanat Pay button as an ES module: `define()` registers `<portmanat-checkout>`,
 * `open()` runs a checkout from code, `handleReturn()` shows a result on the return page.
 * Importing it touches neither `window` nor `document` (safe in SSR); only calling does.
 */
export type { Locale } from '@portmanat-checkout/shared'
export type { ErrorKind, WidgetError } from './api.ts'
export { type DefineOptions, define } from './define.ts'
export type { CheckoutEventDetail, CheckoutEventName, FailureReason } from './events.ts'
export {
  type CheckoutCallbacks,
  handleReturn,
  type OpenHandle,
  type OpenOptions,
  open,
  type ReturnOptions,
} from './open.ts'
export type { Theme } from './options.ts'
export { version } from './version.ts'
