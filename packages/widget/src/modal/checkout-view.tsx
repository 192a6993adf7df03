/**
 * The dialog of one checkout phase: its close button, mark, title, text, the order, and its
 * buttons. A pure function of what the state machine (`checkout.tsx`) knows; `show-dialog.ts`
 * opens it and puts focus in.
 */
import type { Locale } from '@portmanat-checkout/shared'
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime)
import { h } from 'preact'
import { isRetryable, money, type WidgetError } from '../kit.ts'
import type { Order, Summary } from './answers.ts'
import { strings } from './i18n/index.ts'
import { OrderDetails } from './order-details.tsx'
import { CROSS, glyph, StatusIcon, type Tone } from './status-icon.tsx'

/**
 * The modal's phases (`''`: closed). Before the PSP: `loading`, `summary`, `sending` (the form
 * is posting), `error`. After a return: `pending` (asking, and polling while pending), then
 * `paid`, `declined`, `cancelled` (not completed: cancelled on the PSP's pages, or no payment
 * came back) or `failed` — or `late`: no result yet after the polling time, or no answer from
 * the server.
 */
export type Phase =
  | ''
  | 'loading'
  | 'summary'
  | 'sending'
  | 'error'
  | 'pending'
  | 'late'
  | 'paid'
  | 'declined'
  | 'cancelled'
  | 'failed'

/** A payment that may be tried again with a new order. */
export const FINAL_FAILURE = /^(declined|cancelled|failed)$/

interface CheckoutViewProps {
  phase: Exclude<Phase, ''>
  locale: Locale
  order: (Order & Partial<Summary>) | undefined
  error: WidgetError | undefined
  /** A failed payment can be tried again with a new order (the element has an item). */
  canRestart: boolean
  onClose(): void
  onConfirm(): void
  /** Try again: the same request, or a new order after a failed payment. */
  onRetry(): void
}

/** The mark of each phase; the others are busy (a spinner). */
const TONES: Partial<Record<Phase, Tone>> = {
  summary: 'pay',
  error: 'failed',
  late: 'neutral',
  paid: 'paid',
  declined: 'failed',
  cancelled: 'neutral',
  failed: 'failed',
}

export function CheckoutView({
  phase,
  locale,
  order,
  error,
  canRestart,
  onClose,
  onConfirm,
  onRetry,
}: CheckoutViewProps) {
  const t = strings(locale)
  const sending = phase === 'sending'
  const ordering = sending || phase === 'summary' || phase === 'loading'
  // An error says what went wrong, unless the modal keeps asking a server that did not answer.
  const alert =
    error &&
    (phase === 'error' || !isRetryable(error)) &&
    t[error.kind === 'network' ? 'server' : error.kind === 'not_found' ? 'unavailable' : error.kind]
  const text = alert || t[`${phase}Text` as 'lateText']
  const retry =
    (phase === 'error' || phase === 'late'
      ? !error || isRetryable(error)
      : FINAL_FAILURE.test(phase) && canRestart) && t.retry
  const primary =
    phase === 'summary' && order ? t.payAmount.replace('{a}', money(order.amount, locale)) : retry

  // A native modal <dialog> in the top layer: the page behind it is inert, and no transform,
  // z-index or overflow of the shop's page can cut it. The <dialog> element itself is only
  // its backdrop (its content is the box inside): a click on it closes, except the second click
  // of a double click on Pay. Escape is ours, as the platform's would close it even while the
  // form is on its way; other close requests (Android's back) arrive as `close`, and the state
  // machine may reopen it.
  return (
    <dialog
      lang={locale}
      aria-labelledby="t"
      aria-describedby="d"
      tabIndex={-1}
      onClick={(event) => event.target === event.currentTarget && event.detail < 2 && onClose()}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onClose()
        }
      }}
      onClose={onClose}
    >
      <div>
        {!sending && (
          <button type="button" class="x" aria-label={t.close} onClick={onClose}>
            {glyph(CROSS)}
          </button>
        )}
        <StatusIcon tone={TONES[phase] ?? 'busy'} />
        {/* The title is the polite live region: every phase change is read out. */}
        <h2 id="t" aria-live="polite">
          {t[sending ? 'summary' : phase === 'late' ? 'pending' : phase]}
        </h2>
        <div id="d">
          {text && <p role={alert ? 'alert' : undefined}>{text}</p>}
          {phase !== 'error' && <OrderDetails order={order} locale={locale} t={t} />}
        </div>
        {sending && (
          // Submitted by the state machine: exactly the server's fields, a top-level navigation
          // to the PSP (no popup, no iframe).
          <form method="POST" action={(order as Summary).redirect.url}>
            {Object.entries((order as Summary).redirect.fields).map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
          </form>
        )}
        {sending ? (
          <p class="n" role="status">
            {t.sending}
          </p>
        ) : (
          <p class="n">
            <button type="button" onClick={onClose}>
              {ordering ? t.cancel : t.close}
            </button>
            {primary && (
              <button type="button" class="p" onClick={phase === 'summary' ? onConfirm : onRetry}>
                {primary}
              </button>
            )}
          </p>
        )}
      </div>
    </dialog>
  )
}
