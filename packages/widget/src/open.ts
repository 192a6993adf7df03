/**
 * The programmatic API: `open()` runs a checkout in a modal without a button of ours, and
 * `handleReturn()` shows the result on the page the buyer comes back to. Both render into a
 * shadow host appended to `document.body` and removed when the modal closes.
 */
import type { Locale } from '@portmanat-checkout/shared'
import type { CheckoutEventDetail } from './events.ts'
import type { ModalController } from './modal-contract.ts'
import { type Config, parseOptions, type Theme } from './options.ts'
import { claimReturn } from './return-params.ts'
import { attach } from './surface.ts'

/** Callbacks of {@link open} and {@link handleReturn}; the same moments as the element's events. */
export interface CheckoutCallbacks {
  /** The server confirmed the payment (`portmanat:success`). */
  onSuccess?: (detail: CheckoutEventDetail) => void
  /** The payment is waiting for the bank (`portmanat:pending`). */
  onPending?: (detail: CheckoutEventDetail) => void
  /** The checkout could not start, or the payment failed (`portmanat:error`). */
  onError?: (detail: CheckoutEventDetail) => void
  /** The buyer closed the modal, or cancelled on the PSP's pages, before paying (`portmanat:cancel`). */
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
  /** The catalogue item to sell. */
  item: string
  /** How many of it, when the catalog allows more than one (`max_quantity`). @default 1 */
  quantity?: number
  /** Where the buyer comes back to. @default the current page without return parameters */
  returnUrl?: string
}

/** A running checkout. */
export interface OpenHandle {
  /** Closes the modal, as Cancel would (ignored while the buyer is being sent to the PSP). */
  close: () => void
}

/** The options through the embed's parser; throws its prefixed message before anything is touched. */
function configure(options: Partial<OpenOptions>, item: string): Config {
  const raw: Record<string, unknown> = { ...options, item, 'return-url': options.returnUrl }
  const config = parseOptions((name) => {
    const value = raw[name]
    return value == null ? value : `${value}`
  })
  if (typeof config === 'string') throw new TypeError(config)
  return config
}

/** A modal on a host of its own, driven by `run` once the chunk is there. */
function modal(config: Config, callbacks: CheckoutCallbacks, run: (modal: ModalController) => void) {
  // An undefined custom element: page CSS aimed at divs cannot hide or restyle the host.
  const host = document.createElement('portmanat-checkout-modal')
  host.setAttribute('theme', config.theme)
  document.body.append(host)
  let closed = false
  let controller: ModalController | undefined
  // Focus goes back where it was when the modal opened.
  const opener = document.activeElement as HTMLElement | null
  const surface = attach(host, callbacks, {
    busy() {},
    idle() {
      host.remove()
      opener?.focus()
    },
  })
  surface.modal(config.locale).then(
    (modal) => {
      controller = modal
      if (closed) host.remove()
      else run(modal)
    },
    () => host.remove(),
  )
  return {
    close(): void {
      if (controller) controller.close()
      else {
        // Closed before the modal arrived: nothing was ordered.
        if (!closed) surface.emit('Cancel', {})
        closed = true
        host.remove()
      }
    },
  }
}

/**
 * Opens the checkout modal for an item: the same flow as pressing a `<portmanat-checkout>`
 * button. Throws a `TypeError` (`[portmanat-checkout] item is required`) for invalid options.
 *
 * @example open({ item: 'premium', locale: 'en', onCancel: () => console.log('cancelled') })
 */
export function open(options: OpenOptions): OpenHandle {
  const config = configure(options, options.item)
  return { close: modal(config, options, (checkout) => checkout.start(config)).close }
}

/**
 * On the page the buyer returns to (`?portmanat_status=…&client_rrn=…`), shows the payment's
 * result in a modal, polling while it is pending, and cleans the address bar once the server
 * confirmed it. The element does this by itself, and the script tag calls it after `load` for
 * pages without one. Runs at most once per page.
 *
 * @returns whether there was a return to show
 */
export function handleReturn(options: ReturnOptions = {}): boolean {
  // The return-only modal sells nothing; the parser still checks everything else.
  const config = configure(options, '-')
  const clientRrn = claimReturn()
  if (clientRrn) modal(config, options, (checkout) => checkout.showReturn(config, clientRrn))
  return !!clientRrn
}
