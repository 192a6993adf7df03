/**
 * `<portmanat-checkout item="…">`: a Pay button rendered by Preact into an open shadow root.
 * The class is made by a factory because `HTMLElement` does not exist on a server: importing
 * the package for SSR must not touch the DOM.
 */
import type { Locale } from '@portmanat-checkout/shared'
import { createRef, render } from 'preact'
import { createClient } from '../api/client.ts'
import { type EmbedConfig, parseOptions, type RawOptions } from '../config/options.ts'
import { defaults } from '../defaults.ts'
import { type CheckoutController, createCheckout } from '../flow/checkout-controller.ts'
import { claimReturn } from '../flow/return-params.ts'
import { currentPageLocale, fill, messagesFor } from '../i18n/index.ts'
import { adoptStyles } from '../ui/adopt-styles.ts'
import { CheckoutView } from '../ui/checkout-view.tsx'
import { money } from '../ui/money.ts'

/** The element's tag name. */
export const TAG = 'portmanat-checkout'

const ATTRIBUTES = ['item', 'endpoint', 'locale', 'return-url', 'label', 'theme', 'show-price'] as const

/** Makes the element class (call only in a browser). */
export function createElementClass(): CustomElementConstructor {
  return class PortmanatCheckoutElement extends HTMLElement {
    static observedAttributes = ATTRIBUTES

    private root: ShadowRoot | undefined
    private config: EmbedConfig | undefined
    private problem: string | undefined
    private controller: CheckoutController | undefined
    /** The item's canonical amount, once `show-price` fetched it, keyed by endpoint and item. */
    private price: { key: string; amount: string } | undefined
    private button = createRef<HTMLButtonElement>()
    /** Attributes changed while a checkout was open: apply them once it closes. */
    private stale = false

    connectedCallback(): void {
      if (!this.root) {
        // Open rather than closed: a closed root protects nothing from a script on the same
        // page (it can patch attachShadow), but it would hide the widget from test tools,
        // browser extensions for accessibility and merchants' own end-to-end tests.
        this.root = this.attachShadow({ mode: 'open' })
        adoptStyles(this.root)
      }
      addEventListener('pageshow', this.onPageShow)
      this.setup()
      const returned = this.config && claimReturn()
      if (returned) this.controller?.showReturn(returned)
    }

    disconnectedCallback(): void {
      removeEventListener('pageshow', this.onPageShow)
      this.controller?.stop()
      this.controller = undefined
      if (this.root) render(null, this.root)
    }

    attributeChangedCallback(_name: string, before: string | null, after: string | null): void {
      if (this.root && this.isConnected && before !== after) this.setup()
    }

    // Back from the PSP through the back-forward cache: the page is as it was when the form
    // left, "submitting"; start over instead.
    private onPageShow = (event: PageTransitionEvent): void => {
      if (event.persisted) this.controller?.reset()
    }

    private get locale(): Locale {
      return this.config?.locale ?? currentPageLocale()
    }

    private setup(): void {
      if (this.controller && this.controller.phase.name !== 'idle') {
        this.stale = true
        return
      }
      this.stale = false
      const raw: RawOptions = {}
      for (const name of ATTRIBUTES) raw[name] = this.getAttribute(name)
      const parsed = parseOptions(raw, { defaultEndpoint: defaults.endpoint, pageUrl: location.href })
      this.controller?.stop()
      this.controller = undefined
      if (!parsed.ok) {
        console.error(parsed.message)
        this.config = undefined
        this.problem = parsed.errors.join('; ')
        this.update()
        return
      }
      const config = parsed.config
      this.config = config
      this.problem = undefined
      this.controller = createCheckout({
        client: createClient({ endpoint: config.endpoint }),
        item: config.item,
        returnUrl: config.returnUrl,
        locale: this.locale,
        emit: (name, detail) =>
          this.dispatchEvent(new CustomEvent(`portmanat:${name}`, { detail, bubbles: true, composed: true })),
        onChange: (phase) => {
          this.update()
          if (phase.name === 'idle' && this.stale) this.setup()
        },
      })
      this.update()
      if (config.showPrice) void this.loadPrice(config)
    }

    private async loadPrice({ endpoint, item }: EmbedConfig): Promise<void> {
      const key = `${endpoint} ${item}`
      if (this.price?.key === key) return
      const result = await createClient({ endpoint }).item(item)
      if (!result.ok)
        return console.warn(`[portmanat-checkout] no price for "${item}": ${result.error.message}`)
      if (this.config?.endpoint !== endpoint || this.config.item !== item) return
      this.price = { key, amount: result.value.amount }
      this.update()
    }

    private label(config: EmbedConfig): string {
      const t = messagesFor(this.locale)
      const price =
        config.showPrice && this.price?.key === `${config.endpoint} ${config.item}`
          ? money(this.price.amount, this.locale)
          : undefined
      if (config.label) return price ? `${config.label} · ${price}` : config.label
      return price ? fill(t.payAmount, { amount: price }) : t.pay
    }

    private update(): void {
      const { root, config, controller } = this
      if (!root) return
      render(
        <CheckoutView
          phase={controller?.phase ?? { name: 'idle' }}
          locale={this.locale}
          problem={this.problem}
          button={
            config && controller
              ? { label: this.label(config), onClick: () => controller.start(), ref: this.button }
              : undefined
          }
          actions={{
            confirm: () => controller?.confirm(),
            close: () => controller?.close(),
            retry: () => controller?.retry(),
          }}
          canRestart
          returnFocus={() => this.button.current}
        />,
        root,
      )
    }
  }
}
