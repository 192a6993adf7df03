/**
 * What the modal shows in each phase of the checkout: a pure view of the controller's phase.
 */
import type { Locale } from '@portmanat-checkout/shared'
import type { Phase } from '../flow/checkout-controller.ts'
import { fill, type Messages } from '../i18n/index.ts'
import { DialogFrame } from './dialog-frame.tsx'
import { money } from './money.ts'

export interface CheckoutActions {
  confirm: () => void
  close: () => void
  retry: () => void
}

export interface CheckoutDialogProps {
  phase: Exclude<Phase, { name: 'idle' }>
  t: Messages
  locale: Locale
  actions: CheckoutActions
  /** A failed payment can be tried again (there is an item to buy). */
  canRestart: boolean
  returnFocus?: (() => HTMLElement | null | undefined) | undefined
}

const TITLE = 'pm-title'
const TEXT = 'pm-text'

interface Order {
  title: string
  description?: string | undefined
  amount: string
  client_rrn: string
}

const Summary = ({ order, t, locale }: { order: Order; t: Messages; locale: Locale }) => (
  <dl class="summary">
    <dt>{t.item}</dt>
    <dd>
      {order.title}
      {order.description && <small>{order.description}</small>}
    </dd>
    <dt>{t.amount}</dt>
    <dd class="amount">{money(order.amount, locale)}</dd>
    <dt>{t.reference}</dt>
    <dd class="ref">{order.client_rrn}</dd>
  </dl>
)

const Spinner = () => <span class="spinner" aria-hidden="true" />

/** Title, text, details and buttons of one phase. */
function content({ phase, t, locale, actions, canRestart }: CheckoutDialogProps) {
  const close = (
    <button type="button" class="secondary" onClick={actions.close} data-autofocus>
      {t.close}
    </button>
  )
  switch (phase.name) {
    case 'loading':
    case 'checking':
      return {
        title: phase.name === 'loading' ? t.loading : t.checking,
        text: <Spinner />,
        buttons: (
          <button type="button" class="secondary" onClick={actions.close}>
            {phase.name === 'loading' ? t.cancel : t.close}
          </button>
        ),
      }
    case 'summary':
    case 'submitting': {
      const submitting = phase.name === 'submitting'
      const pay = fill(t.payAmount, { amount: money(phase.order.amount, locale) })
      return {
        title: t.summaryTitle,
        text: submitting ? (
          <>
            <Spinner /> {t.submitting}
          </>
        ) : (
          t.secureNote
        ),
        details: <Summary order={phase.order} t={t} locale={locale} />,
        buttons: (
          <>
            <button type="button" class="secondary" onClick={actions.close} disabled={submitting}>
              {t.cancel}
            </button>
            <button
              type="button"
              class="primary"
              onClick={actions.confirm}
              disabled={submitting}
              aria-busy={submitting ? 'true' : undefined}
              data-autofocus
            >
              {pay}
            </button>
          </>
        ),
      }
    }
    case 'error': {
      const { error, retry, wait } = phase
      const retryIn = error.retryAfter ? ` ${fill(t.retryIn, { seconds: error.retryAfter })}` : ''
      return {
        title: t.errorTitle,
        text: (
          <span role="alert">
            {t.errors[error.kind]}
            {error.kind === 'rate_limited' && retryIn}
          </span>
        ),
        buttons: (
          <>
            {close}
            {retry && (
              <button
                type="button"
                class="primary"
                onClick={actions.retry}
                disabled={wait > 0}
                data-autofocus
              >
                {t.retry}
              </button>
            )}
          </>
        ),
      }
    }
    case 'result': {
      const { status, payment, polling } = phase
      const text = {
        paid: t.paidText,
        failed: t.failedText,
        pending: polling ? t.pendingText : t.pendingLong,
      }[status]
      return {
        title: { paid: t.paidTitle, pending: t.pendingTitle, failed: t.failedTitle }[status],
        text: (
          <>
            {polling && <Spinner />} {text}
          </>
        ),
        details: <Summary order={payment} t={t} locale={locale} />,
        buttons: (
          <>
            {close}
            {status === 'failed' && canRestart && (
              <button type="button" class="primary" onClick={actions.retry}>
                {t.retry}
              </button>
            )}
          </>
        ),
        status,
      }
    }
  }
}

/** The checkout modal. */
export function CheckoutDialog(props: CheckoutDialogProps) {
  const { title, text, details, buttons, status } = content(props)
  return (
    <DialogFrame
      labelledBy={TITLE}
      describedBy={TEXT}
      lang={props.locale}
      closable={props.phase.name !== 'submitting'}
      onClose={props.actions.close}
      returnFocus={props.returnFocus}
    >
      <h2 id={TITLE} class={status ? `title ${status}` : 'title'}>
        {title}
      </h2>
      <p id={TEXT} class="text">
        {text}
      </p>
      {details}
      <div class="buttons">{buttons}</div>
    </DialogFrame>
  )
}

/** The sentence a screen reader hears when the phase changes. */
export function announcement(phase: Phase, t: Messages): string {
  switch (phase.name) {
    case 'loading':
      return t.loading
    case 'checking':
      return t.checking
    case 'summary':
      return t.summaryTitle
    case 'submitting':
      return t.submitting
    case 'result':
      return { paid: t.paidTitle, pending: t.pendingTitle, failed: t.failedTitle }[phase.status]
    default:
      // Errors speak through their own role="alert".
      return ''
  }
}
