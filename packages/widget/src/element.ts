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
import { type Config, OPTION_NAMES, PREFIX, parseOptions } from './options.ts'
import { claimReturn } from './return-params.ts'
import { attach } from './surface.ts'

/** The element's tag name. */
export const TAG = 'portmanat-checkout'

/** Runs `task` when the page is idle (or in 2 s where there is no `requestIdleCallback`). */
const whenIdle = (task: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 5000 })
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
  const busy = (on: boolean) => button.setAttribute('aria-busy', `${on}`)
  const localeOf = (config: Config) => config.locale ?? pageLocale()
  /** Fetches the modal chunk; a failure is reported when the buyer really asks for it. */
  const prefetch = (): void => {
    const config = read()
    if (typeof config === 'object') loadModal(localeOf(config)).catch(() => {})
  }
  const surface = attach(
    host,
    {},
    {
      button: () => (button.isConnected ? button : null),
      busy,
      idle: () => busy(false),
      restart: () => start(),
    },
  )
  const { face, emit } = surface

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
    surface.modal(localeOf(config)).then((modal) => modal.start(config), fail)
  }

  function paint(): void {
    const config = read()
    const locale = typeof config === 'object' ? localeOf(config) : pageLocale()
    const t = MESSAGES[locale]
    face.lang = locale
    let children: Node[] = [notice]
    if (typeof config === 'string') notice.replaceChildren(`${t.config} `, config)
    else {
      const { endpoint, item, quantity, label } = config
      if (config.showPrice) {
        const url = `${endpoint}/api/items/${encodeURIComponent(item)}${quantity > 1 ? `?quantity=${quantity}` : ''}`
        if (price[0] !== url) {
          price = [url]
          void request(url, isItem).then((result) => {
            if (price[0] !== url) return
            // Not for sale: say so on the button rather than open a modal that says it.
            if (result.error?.kind === 'not_found') price[1] = null
            else if (result.error) console.warn(PREFIX, result.error.message)
            else price[1] = result.value.amount
            paint()
          })
        }
      } else price = []
      const amount = price[1] && money(price[1], locale)
      button.textContent =
        price[1] === null
          ? t.unavailable
          : amount
            ? label
              ? `${label} ${amount}`
              : t.payAmount.replace('{a}', amount)
            : (label ?? t.pay)
      button.disabled = price[1] === null
      notice.textContent = t.server
      children = broken ? [button, notice] : [button]
      if (!ready) {
        ready = true
        whenIdle(prefetch)
        queueMicrotask(() => emit('Ready', {}))
      }
    }
    // Only when the parts change: moving the button would drop its focus.
    if (
      children.some((child, index) => face.childNodes[index] !== child) ||
      face.childNodes.length > children.length
    )
      face.replaceChildren(...children)
  }

  button.className = 'p'
  button.type = 'button'
  button.setAttribute('part', 'button')
  button.setAttribute('aria-haspopup', 'dialog')
  button.onclick = start
  notice.setAttribute('role', 'alert')
  notice.setAttribute('part', 'error')
  // The buyer reaches for the button: fetch the modal now, so the click opens it at once.
  for (const type of ['pointerenter', 'focusin', 'pointerdown']) host.addEventListener(type, prefetch)

  return {
    paint,
    connect(): void {
      paint()
      const config = read()
      // The merchant has to fix this: say so where developers look (the element shows it too).
      if (typeof config === 'string') console.error(config)
      // The first valid element on a return page shows the result.
      else {
        const clientRrn = claimReturn()
        if (clientRrn)
          surface.modal(localeOf(config)).then((modal) => modal.showReturn(config, clientRrn), fail)
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
