/**
 * The dialog of one checkout phase: its mark, title, text, the order, and its buttons. A pure
 * function of what the state machine (`checkout.ts`) knows.
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
 * `late` once the polling time is up), then `paid`, `declined`, `cancelled` or `failed`, or
 * `unconfirmed` when the server could not be asked.
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
  | 'failed'
  | 'unconfirmed'

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

const TONES: Partial<Record<Phase, Tone>> = {
  summary: 'lock',
  error: 'failed',
  late: 'warn',
  paid: 'paid',
  declined: 'failed',
  cancelled: 'neutral',
  failed: 'failed',
  unconfirmed: 'warn',
}

const TEXTS = {
  late: 'lateText',
  declined: 'declinedText',
  cancelled: 'cancelledText',
  unconfirmed: 'unconfirmedText',
} as const

export function CheckoutView(props: CheckoutViewProps) {
  const { phase, locale, order, error, onClose } = props
  const t = strings(locale)
  const sending = phase === 'sending'
  const ordering = sending || phase === 'summary' || phase === 'loading'
  // An error says what went wrong; after the return, a server that cannot be reached is "unconfirmed".
  const alert =
    error &&
    (phase === 'error' || !isRetryable(error)) &&
    (error.kind === 'network' ? t.server : t[error.kind]).replace('{s}', `${error.retryAfter ?? 5}`)
  const text = alert || (phase in TEXTS && t[TEXTS[phase as keyof typeof TEXTS]])
  const retry =
    (phase === 'error' || phase === 'unconfirmed'
      ? error && isRetryable(error)
      : phase === 'late' || (/^(declined|cancelled|failed)$/.test(phase) && props.canRestart)) && t.retry
  const primary =
    phase === 'summary' && order ? t.payAmount.replace('{a}', money(order.amount, locale)) : retry

  return (
    <CheckoutDialog
      lang={locale}
      title={t[sending ? 'summary' : /^(late|checking)$/.test(phase) ? 'pending' : (phase as 'paid')]}
      closeLabel={sending ? undefined : t.close}
      onClose={onClose}
      holdFocus={ordering}
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
            <button type="button" class="p" onClick={phase === 'summary' ? props.onConfirm : props.onRetry}>
              {primary}
            </button>
          )}
        </p>
      )}
    </CheckoutDialog>
  )
}
