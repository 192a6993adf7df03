/**
 * The dialog of one checkout phase: its mark, title, text, the order, and its buttons. A pure
 * function of what the state machine (`checkout.tsx`) knows.
 */
import type { Locale } from '@portmanat-checkout/shared'
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime)
import { h } from 'preact'
import { isRetryable, money, type WidgetError } from '../kit.ts'
import type { Order, Summary } from './answers.ts'
import { CheckoutDialog } from './checkout-dialog.tsx'
import { strings } from './i18n/index.ts'
import { OrderDetails } from './order-details.tsx'
import { StatusIcon, type Tone } from './status-icon.tsx'

/**
 * The modal's phases (`''`: closed). Before the PSP: `loading`, `summary`, `sending` (the form
 * is posting), `error`. After a return: `checking` (no answer yet), `pending` (polling;
 * `late` once the polling time is up), then `paid`, `declined`, `cancelled` (on the PSP's
 * pages), `incomplete` (the order is still `created`: not paid, nothing more is known) or
 * `failed`, or `unconfirmed` when the server could not be asked.
 */
export type Phase =
  | ''
  | 'loading'
  | 'summary'
  | 'sending'
  | 'error'
  | 'checking'
  | 'pending'
  | 'late'
  | 'paid'
  | 'declined'
  | 'cancelled'
  | 'incomplete'
  | 'failed'
  | 'unconfirmed'

/** A payment that may be tried again with a new order. */
export const FINAL_FAILURE = /^(declined|cancelled|incomplete|failed)$/

export interface CheckoutViewProps {
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
  summary: 'lock',
  error: 'failed',
  late: 'warn',
  paid: 'paid',
  declined: 'failed',
  cancelled: 'neutral',
  incomplete: 'neutral',
  failed: 'failed',
  unconfirmed: 'warn',
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
  // An error says what went wrong; after the return, a server that cannot be reached is "unconfirmed".
  const alert =
    error &&
    (phase === 'error' || !isRetryable(error)) &&
    t[error.kind === 'network' ? 'server' : error.kind].replace('{s}', `${error.retryAfter ?? 5}`)
  const text = alert || t[`${phase}Text` as 'lateText']
  const retry =
    (phase === 'error' || phase === 'unconfirmed'
      ? error && isRetryable(error)
      : phase === 'late' || (FINAL_FAILURE.test(phase) && canRestart)) && t.retry
  const primary =
    phase === 'summary' && order ? t.payAmount.replace('{a}', money(order.amount, locale)) : retry

  return (
    <CheckoutDialog
      lang={locale}
      title={
        t[
          sending
            ? 'summary'
            : phase === 'late' || phase === 'checking'
              ? 'pending'
              : phase === 'incomplete'
                ? 'cancelled'
                : phase
        ]
      }
      closeLabel={sending ? undefined : t.close}
      onClose={onClose}
      mark={<StatusIcon tone={TONES[phase] ?? 'busy'} />}
    >
      <div id="d">
        {text && <p role={alert ? 'alert' : undefined}>{text}</p>}
        {phase !== 'error' && <OrderDetails order={order} locale={locale} t={t} />}
      </div>
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
    </CheckoutDialog>
  )
}
