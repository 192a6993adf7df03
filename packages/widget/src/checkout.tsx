/**
 * One checkout surface in a shadow root, shared by `<portmanat-checkout>` and `open()`: the
 * state machine, its view (the Pay button or the misconfiguration notice, and the modal) and
 * the dialog's focus rules. State lives in closure variables: the minifier shortens those, not
 * property names, and every byte counts in the 8 KB script.
 */
import { formatMoney } from '@portmanat-checkout/shared'
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime: no jsx-runtime module in the bundle)
import { h, render } from 'preact'
import {
  isItem,
  isPayment,
  isRetryable,
  isSummary,
  type Order,
  type Payment,
  qepikOf,
  request,
  type Summary,
  type WidgetError,
} from './api.ts'
import { keepFocus, onDialogKey } from './dialog-focus.ts'
import type { Callbacks, CheckoutEventDetail, CheckoutEventName } from './events.ts'
import { MESSAGES, pageLocale } from './i18n/index.ts'
import { type Config, PREFIX } from './options.ts'
import { newKey, submitForm } from './payment-form.ts'
import css from './styles.css?inline'

/** The modal's phases; a returned payment shows as `paid`, `pending` or `failed`. */
type Phase =
  | 'idle'
  | 'loading'
  | 'summary'
  | 'submitting'
  | 'error'
  | 'checking'
  | 'paid'
  | 'pending'
  | 'failed'

export interface Checkout {
  /** Pay was pressed: a new attempt with a new idempotency key (ignored while one is open). */
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

/** Waits between two polls of a pending payment (ms); the last one repeats, for up to 2 minutes. */
const DELAYS = [1000, 2000, 3000, 5000, 8000, 10_000]

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
  let phase: Phase = 'idle'
  /** The options of the running checkout. */
  let config: Config
  /** The order the modal shows: the summary, or the payment after a return. */
  let order: (Order & Partial<Summary & Payment>) | undefined
  let error: WidgetError | undefined
  let clientRrn: string | undefined
  let key = ''
  /** What Retry repeats: the order, or the payment check. */
  let redo: () => void
  /** Bumped by every request and by stop(): answers to older requests are dropped. */
  let run = 0
  let abort: AbortController | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let deadline = 0
  let polls = 0
  let polling = false
  /** `show-price`: [the item's URL, its amount]. */
  let price: string[] = []
  let reported = ''

  const emit = (name: Capitalize<CheckoutEventName>, detail: CheckoutEventDetail): void => {
    host.dispatchEvent(
      new CustomEvent(`portmanat:${name.toLowerCase()}`, { detail, bubbles: true, composed: true }),
    )
    callbacks[`on${name}`]?.(detail)
  }

  const set = (next: Phase): void => {
    phase = next
    paint()
    if (next === 'idle') onIdle?.()
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

  const create = async (): Promise<void> => {
    const mine = ++run
    redo = create
    clientRrn = order = undefined
    set('loading')
    abort = new AbortController()
    const result = await request(
      `${config.endpoint}/api/checkout`,
      isSummary,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({
          item: config.item,
          return_url: config.returnUrl,
          locale: config.locale ?? pageLocale(),
        }),
      },
      'not_found',
      abort,
    )
    if (mine !== run) return
    if (result.error) return fail(result.error)
    order = result.value
    clientRrn = order.client_rrn
    set('summary')
  }

  const check = async (): Promise<void> => {
    const mine = ++run
    const wasPending = phase === 'pending'
    redo = check
    if (!wasPending) set('checking')
    // The server re-checks pending orders when polled: never answer from the HTTP cache.
    abort = new AbortController()
    const result = await request(
      `${config.endpoint}/api/payments/${clientRrn}`,
      isPayment,
      { cache: 'no-store' },
      'config',
      abort,
    )
    if (mine !== run) return
    const left = deadline - Date.now()
    const again = (): void => {
      timer = setTimeout(check, Math.min(DELAYS[Math.min(polls++, 5)] as number, Math.max(left, 0)))
    }
    // While already showing "pending", a failed poll is a hiccup: keep the last answer.
    if (result.error)
      return wasPending && left > 0 && isRetryable(result.error) ? again() : fail(result.error)
    order = result.value
    const { status } = order
    const shown =
      status === 'paid' ? 'paid' : status === 'failed' || status === 'expired' ? 'failed' : 'pending'
    polling = shown === 'pending' && left > 0
    set(shown)
    if (polling) again()
    if (!wasPending || !polling)
      emit(shown === 'paid' ? 'Success' : shown === 'failed' ? 'Error' : 'Pending', {
        client_rrn: clientRrn,
        status,
      })
  }

  const start = (): void => {
    const current = read()
    if ((phase !== 'idle' && phase !== 'failed') || typeof current === 'string') return
    config = current
    key = newKey()
    void create()
  }

  const close = (): void => {
    if (phase === 'submitting' || phase === 'idle') return
    // Before the modal goes: open()'s host leaves the page with it.
    if (phase === 'loading' || phase === 'summary') emit('Cancel', { client_rrn: clientRrn })
    stop()
    set('idle')
  }

  const retry = (): void => {
    if (phase === 'failed') start()
    else {
      // A 409 means this key was used for another body: only a new key can succeed.
      if (error?.status === 409) key = newKey()
      redo()
    }
  }

  const reset = (): void => {
    stop()
    if (phase !== 'idle') set('idle')
  }

  const confirm = (): void => {
    if (phase !== 'summary' || !order?.redirect) return
    set('submitting')
    // Back from the PSP through the back-forward cache, the page would still say "submitting".
    addEventListener('pageshow', reset, { once: true })
    submitForm(order.redirect)
  }

  function paint(): void {
    const current = read()
    const problem = typeof current === 'string' && current
    if (problem && problem !== reported) {
      reported = problem
      console.error(problem)
    }
    const locale = (typeof current === 'object' && current.locale) || pageLocale()
    const t = MESSAGES[locale]
    const money = (amount: string): string => formatMoney(qepikOf(amount), locale)
    const submitting = phase === 'submitting'
    const ordering = submitting || phase === 'summary'
    const cancel = ordering || phase === 'loading'
    const opened = !!root.querySelector('[role=dialog]')
    // The first `data-f=true` button takes the focus when the dialog opens or loses its focused
    // control (not `autofocus`: Chrome logs a console error for each one inserted late).
    const action = (text: string, onClick: () => void, primary?: boolean, focus = primary) => (
      <button
        type="button"
        class={primary ? 'p' : undefined}
        data-f={focus}
        onClick={onClick}
        disabled={submitting}
        aria-busy={primary && submitting}
      >
        {text}
      </button>
    )

    let label = ''
    if (!problem) {
      const { item, showPrice } = current as Config
      const url = `${(current as Config).endpoint}/api/items/${encodeURIComponent(item)}`
      if (showPrice && price[0] !== url) {
        price = [url]
        void request(url, isItem).then((result) => {
          if (result.error) console.warn(PREFIX, `no price for "${item}":`, result.error.message)
          else if (price[0] === url) {
            price[1] = result.value.amount
            paint()
          }
        })
      }
      label = `${(current as Config).label ?? t.pay}${showPrice && price[1] ? ` ${money(price[1])}` : ''}`
    }

    render(
      <div lang={locale}>
        {problem ? (
          <p class="x" role="alert" part="error">
            <b>{t.config}</b> <small>{problem}</small>
          </p>
        ) : (
          button && (
            <button
              type="button"
              class="p"
              part="button"
              aria-haspopup="dialog"
              aria-busy={submitting || phase === 'loading'}
              onClick={start}
            >
              {label}
            </button>
          )
        )}
        {phase !== 'idle' && (
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
              onKeyDown={(event) => onDialogKey(event, close)}
            >
              {/* The title is the polite live region: every phase change is read out. */}
              <h2 id="t" aria-live="polite">
                {t[submitting ? 'summary' : phase]}
              </h2>
              <div id="d">
                {phase === 'error' && error ? (
                  <p role="alert">{t[error.kind].replace('{s}', `${error.retryAfter ?? 5}`)}</p>
                ) : (
                  (submitting || phase === 'loading' || phase === 'checking' || phase === 'pending') && (
                    <p>
                      {(phase !== 'pending' || polling) && <i aria-hidden="true" />}{' '}
                      {submitting ? t.submitting : polling || phase !== 'pending' ? '' : t.later}
                    </p>
                  )
                )}
                {order && phase !== 'error' && (
                  <dl>
                    <dt>{t.item}</dt>
                    <dd>
                      {order.title}
                      {order.description && <small>{order.description}</small>}
                    </dd>
                    <dt>{t.amount}</dt>
                    <dd class="a">{money(order.amount)}</dd>
                    <dt>{t.reference}</dt>
                    <dd class="r">{order.client_rrn}</dd>
                  </dl>
                )}
              </div>
              <div class="n">
                {action(cancel ? t.cancel : t.close, close, false, !cancel && phase !== 'checking')}
                {ordering
                  ? action(`${t.pay} ${money(order?.amount ?? '')}`, confirm, true)
                  : (phase === 'error' ? error && isRetryable(error) : phase === 'failed' && button) &&
                    action(t.retry, retry, true)}
              </div>
            </div>
          </div>
        )}
      </div>,
      root,
    )

    keepFocus(root, opened, opener)
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
      void check()
    },
  }
}
