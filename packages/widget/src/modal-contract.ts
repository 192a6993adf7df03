/**
 * What the loader and the modal chunk promise each other (types only: nothing here ships).
 * The loader owns the shadow root, the Pay button and the events; the modal renders the dialog
 * into `container` with Preact and reports back through these calls.
 */
import type { CheckoutEventDetail, CheckoutEventName } from './events.ts'
import type { Config } from './options.ts'

/** The surface a modal lives on: an element's shadow root, or `open()`'s host on the body. */
export interface ModalHost {
  /** Where the dialog renders, in the surface's shadow root. */
  container: HTMLElement
  /** Dispatches `portmanat:{name}` on the host and calls the matching `on*` callback. */
  emit(name: Capitalize<CheckoutEventName>, detail: CheckoutEventDetail): void
  /** The order is being prepared or the form is on its way: the Pay button says it is busy. */
  busy(on: boolean): void
  /** The dialog closed: focus goes back to the Pay button, or where it was before `open()`. */
  idle(): void
  /** Starts a new order for the element's item ("Try again" after a failed payment); absent without one. */
  restart?: () => void
}

/** One checkout dialog, driven by the loader. */
export interface ModalController {
  /** Pay was pressed: a new attempt with a new idempotency key (ignored while the modal is open). */
  start(config: Config): void
  /** The buyer came back from the PSP with this order: show what the server says about it. */
  showReturn(config: Config, clientRrn: string): void
  /** Cancel, Close, Escape or a backdrop click; ignored while the form is on its way. */
  close(): void
  /** Stops requests and timers and closes the modal without events. */
  reset(): void
}

/** What the modal chunk hands the loader. */
export interface ModalModule {
  mountModal(host: ModalHost): ModalController
}
