/**
 * `<portmanat-checkout item="…">`: a Pay button in an open shadow root, drawn by the loader
 * with plain DOM (the modal chunk, with Preact, loads when the buyer reaches for the button or
 * the page is idle). The class is made by a factory because `HTMLElement` does not exist on a
 * server: importing the package for SSR must not touch the DOM. Fields start with `_` so the
 * minifier may shorten them.
 */
import { isItem, request } from './api.ts'
import { MESSAGES, pageLocale } from './i18n/index.ts'
import { loadModal } from './load-modal.ts'
import { money } from './money.ts'
import { type Config, OPTION_NAMES, parseOptions } from './options.ts'
import { claimReturn } from './return-params.ts'
import { attach } from './surface.ts'

/** The element's tag name. */
export const TAG = 'portmanat-checkout'

/** Runs `task` when the page is idle (or in 2 s where there is no `requestIdleCallback`). */
const whenIdle = (task: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task)
  else setTimeout(task, 2000)
}

/** The element's behaviour, in closures (the minifier shortens those, not properties). */
function checkoutElement(host: HTMLElement) {
  const read = () => parseOptions((name) => host.getAttribute(name))
  const button = document.createElement('button')
  const notice = document.createElement('p')
  /** `show-price`: [the item's URL, its amount, or null when the server does not sell it]. */
  let price: [string, (string | null)?] | [] = []
  /** The modal chunk could not be loaded on the buyer's last attempt. */
  let broken = false
  let ready = false
  const busy = (on: boolean) => {
    button.ariaBusy = `${on}`
  }
  /** Fetches the modal chunk; a failure is reported when the buyer really asks for it. */
  const prefetch = (): void => {
    const config = read()
    if (typeof config === 'object') loadModal(config.locale).catch(() => {})
  }
  const surface = attach(
    host,
    {},
    {
      busy,
      idle() {
        busy(false)
        button.focus()
      },
      restart: () => start(),
    },
  )
  const { root, emit } = surface

  /** The modal chunk did not load: say so beside the button too. */
  const fail = () => {
    broken = true
    busy(false)
    paint()
  }

  const start = (): void => {
    const config = read()
    if (typeof config === 'string') return
    busy(true)
    broken = false
    paint()
    surface.modal(config.locale).then((modal) => modal.start(config), fail)
  }

  /** Draws the button or the notice from the current attributes; returns the options it read. */
  function paint(): Config | string {
    const config = read()
    const invalid = typeof config === 'string'
    const locale = invalid ? pageLocale() : config.locale
    const t = MESSAGES[locale]
    button.lang = notice.lang = locale
    // Both stay in place, shown or hidden: moving the button would drop its focus.
    button.hidden = invalid
    notice.hidden = !invalid && !broken
    // A set-up the merchant has to fix is told in the developer's words (and in the console).
    const text = invalid ? config : t.server
    // Rewritten, an alert is announced again: only a new message is news.
    if (notice.textContent !== text) notice.textContent = text
    if (invalid) return config
    const { endpoint, item, quantity, label } = config
    if (config.showPrice) {
      const url = `${endpoint}/api/items/${encodeURIComponent(item)}${quantity > 1 ? `?quantity=${quantity}` : ''}`
      if (price[0] !== url) {
        price = [url]
        void request(url, isItem).then((result) => {
          if (price[0] !== url) return
          // Not for sale: say so on the button rather than open a modal that says it. Any other
          // failure leaves the plain Pay button (the browser's console shows the request).
          if (result.error?.kind === 'not_found') price[1] = null
          else if (!result.error) price[1] = result.value.amount
          paint()
        })
      }
    } else price = []
    const amount = price[1] && money(price[1], locale)
    // The shop's own label wins over ours, with or without the price.
    button.textContent =
      price[1] === null ? t.unavailable : (label ?? (amount ? t.payAmount.replace('{a}', amount) : t.pay))
    button.disabled = price[1] === null
    if (!ready) {
      ready = true
      whenIdle(prefetch)
      queueMicrotask(() => emit('Ready', {}))
    }
    return config
  }

  button.className = 'p'
  button.setAttribute('part', 'button')
  button.ariaHasPopup = 'dialog'
  button.onclick = start
  notice.role = 'alert'
  notice.setAttribute('part', 'error')
  root.append(button, notice)
  // The buyer reaches for the button: fetch the modal now, so the click opens it at once.
  for (const type of ['pointerenter', 'focusin', 'pointerdown']) host.addEventListener(type, prefetch)

  return {
    paint,
    connect(): void {
      const config = paint()
      // The merchant has to fix this: say so where developers look (the element shows it too).
      if (typeof config === 'string') console.error(config)
      // The first valid element on a return page shows the result.
      else {
        const clientRrn = claimReturn()
        if (clientRrn) surface.modal(config.locale).then((modal) => modal.showReturn(config, clientRrn), fail)
      }
    },
    disconnect: surface.reset,
  }
}

/** Makes the element class (call only in a browser). */
export function createElementClass(): CustomElementConstructor {
  return class PortmanatCheckoutElement extends HTMLElement {
    static observedAttributes = OPTION_NAMES

    _element: ReturnType<typeof checkoutElement> | undefined

    connectedCallback(): void {
      this._element ??= checkoutElement(this)
      this._element.connect()
    }

    disconnectedCallback(): void {
      this._element?.disconnect()
    }

    attributeChangedCallback(): void {
      this._element?.paint()
    }
  }
}
