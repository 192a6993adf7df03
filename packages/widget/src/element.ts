/**
 * `<portmanat-checkout item="…">`: a Pay button in an open shadow root. The class is made by a
 * factory because `HTMLElement` does not exist on a server: importing the package for SSR must
 * not touch the DOM. Fields start with `_` so the minifier may shorten them.
 */
import { type Checkout, mount } from './checkout.tsx'
import { type Config, type OptionName, parseOptions } from './options.ts'
import { claimReturn } from './return-params.ts'

/** The element's tag name. */
export const TAG = 'portmanat-checkout'

/** Makes the element class (call only in a browser). */
export function createElementClass(): CustomElementConstructor {
  return class PortmanatCheckoutElement extends HTMLElement {
    static observedAttributes: OptionName[] = [
      'item',
      'endpoint',
      'locale',
      'return-url',
      'label',
      'theme',
      'show-price',
    ]

    _checkout: Checkout | undefined

    /** The attributes through the one parser (a string: what is wrong). */
    _read = (): Config | string => parseOptions((name) => this.getAttribute(name))

    connectedCallback(): void {
      this._checkout ??= mount(this, this._read, true)
      this._checkout.paint()
      const config = this._read()
      // The merchant has to fix this: say so where developers look (the element shows it too).
      if (typeof config === 'string') console.error(config)
      // The first valid element on a return page shows the result.
      else {
        const clientRrn = claimReturn()
        if (clientRrn) this._checkout.showReturn(clientRrn)
      }
    }

    disconnectedCallback(): void {
      this._checkout?.reset()
    }

    attributeChangedCallback(): void {
      this._checkout?.paint()
    }
  }
}
