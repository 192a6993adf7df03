/**
 * The programmatic API: `open()` runs a checkout in a modal without a button of ours, and
 * `handleReturn()` shows the result on the page the buyer comes back to. Both render into a
 * shadow host appended to `document.body` and removed when the modal closes.
 */
import type { Locale } from '@portmanat-checkout/shared'
import { type Checkout, mount } from './checkout.tsx'
import type { CheckoutEventDetail } from './events.ts'
import { type Config, parseOptions, type Theme } from './options.ts'
import { claimReturn } from './return-params.ts'

/** Callbacks of {@link open} and {@link handleReturn}; the same moments as the element's events. */
export interface CheckoutCallbacks {
  /** The server confirmed the payment (`portmanat:success`). */
  onSuccess?: (detail: CheckoutEventDetail) => void
  /** The payment is waiting for the bank (`portmanat:pending`). */
  onPending?: (detail: CheckoutEventDetail) => void
  /** The checkout could not start, or the payment failed (`portmanat:error`). */
  onError?: (detail: CheckoutEventDetail) => void
  /** The buyer closed the modal before paying (`portmanat:cancel`). */
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
  /** Where the buyer comes back to. @default the current page without return parameters */
  returnUrl?: string
}

/** A running checkout. */
export interface OpenHandle {
  /** Closes the modal, as Cancel would (ignored while the buyer is being sent to the PSP). */
  close: () => void
}

/** The options through the embed's parser; throws its prefixed message before anything is touched. */
function configure(options: ReturnOptions & { returnUrl?: string }, item: string): Config {
  const raw = { item, endpoint: options.endpoint, locale: options.locale, theme: options.theme }
  const config = parseOptions((name) =>
    name === 'return-url' ? options.returnUrl : raw[name as keyof typeof raw],
  )
  if (typeof config === 'string') throw new TypeError(config)
  return config
}

function modal(config: Config, callbacks: CheckoutCallbacks): Checkout {
  // An undefined custom element: page CSS aimed at divs cannot hide or restyle the host.
  const host = document.createElement('portmanat-checkout-modal')
  host.setAttribute('theme', config.theme)
  document.body.append(host)
  return mount(
    host,
    () => config,
    false,
    callbacks,
    () => host.remove(),
  )
}

/**
 * Opens the checkout modal for an item: the same flow as pressing a `<portmanat-checkout>`
 * button. Throws a `TypeError` (`[portmanat-checkout] item is required`) for invalid options.
 *
 * @example open({ item: 'premium', locale: 'en', onCancel: () => console.log('cancelled') })
 */
export function open(options: OpenOptions): OpenHandle {
  const checkout = modal(configure(options, options.item), options)
  checkout.start()
  return { close: checkout.close }
}

/**
 * On the page the buyer returns to (`?portmanat_status=…&client_rrn=…`), shows the payment's
 * result in a modal, polling while it is pending, and cleans the address bar. The element does
 * this by itself, and the script tag calls it after `load` for pages without one. Runs at most
 * once per page.
 *
 * @returns whether there was a return to show
 */
export function handleReturn(options: ReturnOptions = {}): boolean {
  // The return-only modal sells nothing; the parser still checks everything else.
  const config = configure(options, '-')
  const clientRrn = claimReturn()
  if (clientRrn) modal(config, options).showReturn(clientRrn)
  return !!clientRrn
}
