/**
 * Everything inside one shadow root: the Pay button (or the visible misconfiguration notice),
 * the polite live region and, while a checkout is open, the modal.
 */
import type { Locale } from '@portmanat-checkout/shared'
import type { RefObject } from 'preact'
import type { Phase } from '../flow/checkout-controller.ts'
import { messagesFor } from '../i18n/index.ts'
import { announcement, type CheckoutActions, CheckoutDialog } from './checkout-dialog.tsx'

export interface PayButtonProps {
  label: string
  onClick: () => void
  ref: RefObject<HTMLButtonElement | null>
}

export interface CheckoutViewProps {
  phase: Phase
  locale: Locale
  actions: CheckoutActions
  /** Absent for `open()`, which has no button of its own. */
  button?: PayButtonProps | undefined
  /** The parser's message when the embed is misconfigured: shown instead of the button. */
  problem?: string | undefined
  canRestart: boolean
  returnFocus?: (() => HTMLElement | null | undefined) | undefined
}

/** The widget's whole tree. */
export function CheckoutView({
  phase,
  locale,
  actions,
  button,
  problem,
  canRestart,
  returnFocus,
}: CheckoutViewProps) {
  const t = messagesFor(locale)
  const busy = phase.name === 'loading' || phase.name === 'submitting'
  return (
    <>
      {problem ? (
        <p class="problem" role="alert" part="error" lang={locale}>
          <strong>{t.misconfigured}</strong> <small>{problem}</small>
        </p>
      ) : (
        button && (
          <button
            ref={button.ref}
            type="button"
            class="pay primary"
            part="button"
            lang={locale}
            aria-haspopup="dialog"
            aria-busy={busy ? 'true' : undefined}
            onClick={button.onClick}
          >
            {button.label}
          </button>
        )
      )}
      <p class="sr" aria-live="polite" aria-atomic="true" lang={locale}>
        {announcement(phase, t)}
      </p>
      {phase.name !== 'idle' && (
        <CheckoutDialog
          phase={phase}
          t={t}
          locale={locale}
          actions={actions}
          canRestart={canRestart}
          returnFocus={returnFocus}
        />
      )}
    </>
  )
}
