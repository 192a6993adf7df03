/**
 * The programmatic API: `open()` runs a checkout in a modal without a button of ours, and
 * `handleReturn()` shows the result on the page the buyer comes back to. Both render into a
 * shadow host appended to `document.body` and removed when the modal closes.
 */
import type { Locale } from '@portmanat-checkout/shared'
import { render } from 'preact'
import { createClient } from './api/client.ts'
import { type EmbedConfig, parseOptions, type Theme } from './config/options.ts'
import { defaults } from './defaults.ts'
import {
  type CheckoutController,
  type CheckoutEventDetail,
  type CheckoutEventName,
  createCheckout,
} from './flow/checkout-controller.ts'
import { claimReturn } from './flow/return-params.ts'
import { currentPageLocale } from './i18n/index.ts'
import { adoptStyles } from './ui/adopt-styles.ts'
import { CheckoutView } from './ui/checkout-view.tsx'

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

const CALLBACK = { success: 'onSuccess', pending: 'onPending', error: 'onError', cancel: 'onCancel' } as const

type MountOptions = ReturnOptions & { item?: string | undefined; returnUrl?: string | undefined }

/** Checks the options before anything is touched; throws the parser's prefixed message. */
function configure(options: MountOptions): EmbedConfig {
  const parsed = parseOptions(
    {
      // The return-only modal sells nothing; the parser still checks everything else.
      item: options.item ?? '-',
      endpoint: options.endpoint,
      locale: options.locale,
      theme: options.theme,
      'return-url': options.returnUrl,
    },
    { defaultEndpoint: defaults.endpoint, pageUrl: location.href },
  )
  if (!parsed.ok) throw new TypeError(parsed.message)
  return parsed.config
}

function mount(config: EmbedConfig, options: MountOptions): CheckoutController {
  const locale = config.locale ?? currentPageLocale()
  // An undefined custom element: page CSS aimed at divs cannot hide or restyle the host.
  const host = document.createElement('portmanat-checkout-modal')
  host.setAttribute('theme', config.theme)
  const root = host.attachShadow({ mode: 'open' })
  adoptStyles(root)
  document.body.append(host)
  const controller: CheckoutController = createCheckout({
    client: createClient({ endpoint: config.endpoint }),
    item: options.item,
    returnUrl: config.returnUrl,
    locale,
    emit: (name: CheckoutEventName, detail) => {
      host.dispatchEvent(new CustomEvent(`portmanat:${name}`, { detail, bubbles: true, composed: true }))
      options[CALLBACK[name]]?.(detail)
    },
    onChange: (phase) => {
      render(
        <CheckoutView
          phase={phase}
          locale={locale}
          actions={{
            confirm: () => controller.confirm(),
            close: () => controller.close(),
            retry: () => controller.retry(),
          }}
          canRestart={options.item !== undefined}
        />,
        root,
      )
      if (phase.name === 'idle') {
        controller.stop()
        host.remove()
      }
    },
  })
  return controller
}

/**
 * Opens the checkout modal for an item: the same flow as pressing a `<portmanat-checkout>`
 * button. Throws a `TypeError` (`[portmanat-checkout] item is required`) for invalid options.
 *
 * @example open({ item: 'premium', locale: 'en', onCancel: () => console.log('cancelled') })
 */
export function open(options: OpenOptions): OpenHandle {
  const withItem = { ...options, item: options.item ?? '' }
  const controller = mount(configure(withItem), withItem)
  controller.start()
  return { close: () => controller.close() }
}

/**
 * On the page the buyer returns to (`?portmanat_status=…&client_rrn=…`), shows the payment's
 * result in a modal, polling while it is pending, and cleans the address bar. The element does
 * this by itself; call this on pages without one. Runs at most once per page.
 *
 * @returns whether there was a return to show
 */
export function handleReturn(options: ReturnOptions = {}): boolean {
  const config = configure(options)
  const returned = claimReturn()
  if (!returned) return false
  mount(config, options).showReturn(returned)
  return true
}
