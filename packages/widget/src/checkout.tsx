/**
 * One checkout surface in a shadow root, shared by `<portmanat-checkout>` and `open()`: a small
 * state machine (`phase`), its view (the Pay button or the misconfiguration notice, and the
 * modal) and the dialog's focus rules. State lives in closure variables: the minifier shortens
 * those, not property names, and every byte counts in the 8 KB script.
 */
import {
  isItem,
  isPayment,
  isRetryable,
  isSummary,
  type Order,
  type Payment,
  type Result,
  request,
  type Summary,
  type WidgetError,
} from './api.ts'
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime)
import { h, render } from './dom.ts'
import type { Callbacks, CheckoutEventDetail, CheckoutEventName } from './events.ts'
import { MESSAGES, pageLocale } from './i18n/index.ts'
import { money } from './money.ts'
import { type Config, PREFIX } from './options.ts'
import { newKey, submitForm } from './payment-form.ts'
import css from './styles.css?inline'

/**
 * The modal's phases (`''`: closed). `sending`: the form is posting to the PSP. After a return,
 * `pending` (checking or waiting for the bank), then `paid` or `failed`.
 */
type Phase = '' | 'loading' | 'summary' | 'sending' | 'error' | 'paid' | 'pending' | 'failed'

export interface Checkout {
  /** Pay was pressed: a new attempt with a new idempotency key (ignored while the modal is open). */
  start(): void
  /** The buyer came back from the PSP with this order: show what the server says about it. */
  showReturn(clientRrn: string): void
  /** Cancel, Close, Escape or a backdrop click; ignored while the form is on its way. */
  close(): void
  /** Stops requests and timers and closes the modal without events. */
  reset(): void
  /** Renders again, e.g. after an attribute changed. */
  paint(): void
}

/**
 * Attaches an open shadow root to `host` and runs checkouts in it. Styles go through
 * `adoptedStyleSheets` only (no `<style>`, no `style` attribute: no CSP `'unsafe-inline'`);
 * without constructable sheets (jsdom, very old browsers) the widget works unstyled. Open
 * rather than closed: a closed root protects nothing from a script on the same page, and
 * would hide the widget from accessibility tools and the shop's own end-to-end tests.
 *
 * @param read the embed's options (a string: the parser's message), read on every render and
 *   taken for good when a checkout starts
 * @param button whether to render a Pay button (the element) or only the modal (`open()`)
 * @param callbacks `open()`'s `on*` callbacks, called with each event
 * @param onIdle called whenever the modal closes
 */
export function mount(
  host: HTMLElement,
  read: () => Config | string,
  button: boolean,
  callbacks: Callbacks = {},
  onIdle?: () => void,
): Checkout {
  const root = host.attachShadow({ mode: 'open' })
  try {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    root.adoptedStyleSheets = [sheet]
  } catch {}
  /** Where focus returns when the modal closes, if there is no Pay button. */
  const opener = document.activeElement
  let phase: Phase = ''
  /** The options of the running checkout. */
  let config: Config
  /** The order the modal shows: the summary, or the payment after a return. */
  let order: (Order & Partial<Summary & Payment>) | undefined
  let error: WidgetError
  let clientRrn: string | undefined
  let key: string
  /** What Retry repeats: the order, or the payment check. */
  let redo: () => void
  /** Bumped by every request and by stop(): answers to older requests are dropped. */
  let run = 0
  let abort: AbortController | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let deadline = 0
  let polls = 0
  let polling = false
  /** The last result an event was fired for. */
  let told: Phase = ''
  /** `show-price`: [the item's URL, its amount]. */
  let price: string[] = []

  const emit = (name: Capitalize<CheckoutEventName>, detail: CheckoutEventDetail): void => {
    host.dispatchEvent(
      new CustomEvent(`portmanat:${name.toLowerCase()}`, { detail, bubbles: true, composed: true }),
    )
    callbacks[`on${name}`]?.(detail)
  }

  const set = (next: Phase): void => {
    phase = next
    paint()
  }

  const stop = (): void => {
    run++
    abort?.abort()
    clearTimeout(timer)
  }

  const fail = (failure: WidgetError): void => {
    error = failure
    set('error')
    // The merchant has to fix these: say so where developers look.
    if (failure.kind === 'config') console.error(PREFIX, failure.message)
    emit('Error', { client_rrn: clientRrn, error: failure })
  }

  /** One request of the running checkout; undefined when a newer request or stop() overtook it. */
  const call = async <T,>(
    path: string,
    accept: (body: unknown) => body is T,
    init?: RequestInit,
  ): Promise<Result<T> | undefined> => {
    const mine = ++run
    abort = new AbortController()
    // A 404 of the item: not for sale; of a payment: the embed points at the wrong server.
    const result = await request(
      config.endpoint + path,
      accept,
      init,
      init?.body ? 'not_found' : 'config',
      abort,
    )
    if (mine === run) return result
  }

  const create = async (): Promise<void> => {
    redo = create
    clientRrn = order = undefined
    set('loading')
    const result = await call('/api/checkout', isSummary, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({
        item: config.item,
        return_url: config.returnUrl,
        locale: config.locale ?? pageLocale(),
      }),
    })
    if (result?.error) fail(result.error)
    else if (result) {
      order = result.value
      clientRrn = order.client_rrn
      set('summary')
    }
  }

  const check = async (): Promise<void> => {
    redo = check
    // The server re-checks pending orders when polled: never answer from the HTTP cache.
    const result = await call(`/api/payments/${clientRrn}`, isPayment, { cache: 'no-store' })
    if (!result) return
    const left = deadline - Date.now()
    const again = (): void => {
      timer = setTimeout(check, Math.min(++polls * 1000, 10_000, left))
    }
    // While polling, a failed poll is a hiccup: keep the last answer and ask again.
    if (result.error) return polling && left > 0 && isRetryable(result.error) ? again() : fail(result.error)
    order = result.value
    const { status } = order
    const shown =
      status === 'paid' ? 'paid' : status === 'failed' || status === 'expired' ? 'failed' : 'pending'
    polling = shown === 'pending' && left > 0
    set(shown)
    if (polling) again()
    if (shown !== told)
      emit(shown === 'paid' ? 'Success' : shown === 'failed' ? 'Error' : 'Pending', {
        client_rrn: clientRrn,
        status,
      })
    told = shown
  }

  const start = (): void => {
    const current = read()
    if (phase || typeof current === 'string') return
    config = current
    key = newKey()
    void create()
  }

  const reset = (): void => {
    stop()
    set('')
    onIdle?.()
    // Focus goes back to the Pay button, or where it was before open().
    ;(root.querySelector('button') ?? (opener as HTMLElement | null))?.focus()
  }

  const close = (): void => {
    if (phase === 'sending' || !phase) return
    // Before the modal goes: open()'s host leaves the page with it.
    if (phase === 'loading' || phase === 'summary') emit('Cancel', { client_rrn: clientRrn })
    reset()
  }

  const retry = (): void => {
    // A 409 means this key was used for another body: only a new key can succeed.
    if (error.status === 409) key = newKey()
    redo()
  }

  const confirm = (): void => {
    set('sending')
    // Back from the PSP through the back-forward cache, the page would still say "sending".
    addEventListener('pageshow', reset, { once: true })
    submitForm((order as Summary).redirect)
  }

  /** Escape closes; Tab and Shift+Tab go round the enabled buttons, the same in every browser. */
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') close()
    if (event.key === 'Tab') {
      event.preventDefault()
      const items = [...root.querySelectorAll<HTMLElement>('.n :enabled')]
      const index = items.indexOf(root.activeElement as HTMLElement)
      const count = items.length
      items[event.shiftKey ? (index > 0 ? index : count) - 1 : (index + 1) % count]?.focus()
    }
  }

  function paint(): void {
    const current = read()
    const locale = (typeof current === 'object' && current.locale) || pageLocale()
    const t = MESSAGES[locale]
    const sending = phase === 'sending'
    const ordering = sending || phase === 'summary'
    const cancel = ordering || phase === 'loading'

    if (typeof current === 'object' && current.showPrice) {
      const url = `${current.endpoint}/api/items/${encodeURIComponent(current.item)}`
      if (price[0] !== url) {
        price = [url]
        void request(url, isItem).then((result) => {
          if (result.error) console.warn(PREFIX, result.error.message)
          else if (price[0] === url) {
            price[1] = result.value.amount
            paint()
          }
        })
      }
    }
    const primary =
      (ordering && order && `${t.pay} ${money(order.amount, locale)}`) ||
      (phase === 'error' && isRetryable(error) && t.retry)

    render(
      <div lang={locale}>
        {typeof current === 'string' ? (
          <p role="alert" part="error">
            {t.config} <small>{current}</small>
          </p>
        ) : (
          button && (
            <button
              type="button"
              class="p"
              part="button"
              aria-haspopup="dialog"
              aria-busy={phase === 'loading' || sending}
              onClick={start}
            >
              {current.label ?? t.pay}
              {current.showPrice && price[1] && ` ${money(price[1], locale)}`}
            </button>
          )
        )}
        {phase && (
          // The keyboard twin of a backdrop click is Escape, handled on the dialog. The second
          // click of a double click on Pay lands on the backdrop: it must not close the modal.
          // biome-ignore lint/a11y/useKeyWithClickEvents: see above
          // biome-ignore lint/a11y/noStaticElementInteractions: see above
          <div
            class="b"
            onClick={(event) => event.target === event.currentTarget && event.detail < 2 && close()}
          >
            <div
              role="dialog"
              aria-modal="true"
              aria-labelledby="t"
              aria-describedby="d"
              tabIndex={-1}
              onKeyDown={onKey}
            >
              {/* The title is the polite live region: every phase change is read out. */}
              <h2 id="t" aria-live="polite">
                {t[ordering ? 'summary' : (phase as Exclude<Phase, '' | 'sending'>)]}
              </h2>
              <div id="d">
                {phase === 'error' ? (
                  <p role="alert">
                    {(error.kind === 'network' ? t.server : t[error.kind]).replace(
                      '{s}',
                      `${error.retryAfter ?? 5}`,
                    )}
                  </p>
                ) : phase === 'pending' && order && !polling ? (
                  <p>{t.later}</p>
                ) : (
                  (!order || polling) && <i aria-hidden="true" />
                )}
                {order && phase !== 'error' && (
                  <dl>
                    <dt>{order.title}</dt>
                    <dd>{order.description}</dd>
                    <dt>{t.amount}</dt>
                    <dd>
                      <b>{money(order.amount, locale)}</b>
                    </dd>
                    <dt>{t.reference}</dt>
                    <dd>
                      <code>{order.client_rrn}</code>
                    </dd>
                  </dl>
                )}
              </div>
              <p class="n">
                <button type="button" onClick={close} disabled={sending}>
                  {cancel ? t.cancel : t.close}
                </button>
                {primary && (
                  <button
                    type="button"
                    class="p"
                    onClick={ordering ? confirm : retry}
                    disabled={sending}
                    aria-busy={sending}
                  >
                    {primary}
                  </button>
                )}
              </p>
            </div>
          </div>
        )}
      </div>,
      root,
    )

    // Focus moves in when the dialog opens or loses its focused control: to the primary
    // action, else Close; to the dialog itself while Cancel is all there is, so that a second
    // Enter on Pay cannot cancel.
    const dialog = root.querySelector<HTMLElement>('[role=dialog]')
    const active = root.activeElement as HTMLButtonElement | null
    if (dialog && (!active || active === dialog || !dialog.contains(active) || active.disabled))
      (dialog.querySelector<HTMLElement>(cancel ? '.p:enabled' : 'button') ?? dialog).focus()
  }

  return {
    start,
    close,
    paint,
    reset,
    showReturn(rrn) {
      const current = read()
      if (typeof current === 'string') return
      stop()
      config = current
      clientRrn = rrn
      order = undefined
      deadline = Date.now() + 120_000
      polls = 0
      set('pending')
      void check()
    },
  }
}
