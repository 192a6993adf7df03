/**
 * The shape every locale table fills. One interface, so a missing or misspelt key in `az.ts`,
 * `en.ts` or `ru.ts` is a type error rather than an empty button.
 */
import type { ErrorKind } from '../api/errors.ts'

/** Placeholders: `{amount}` (a formatted price), `{seconds}` (a whole number). */
export interface Messages {
  /** The button's text when no price is shown. */
  pay: string
  /** The button's and the Confirm button's text with a price: `Pay {amount}`. */
  payAmount: string
  loading: string
  summaryTitle: string
  item: string
  amount: string
  reference: string
  secureNote: string
  cancel: string
  close: string
  retry: string
  submitting: string
  errorTitle: string
  errors: Record<ErrorKind, string>
  /** Appended to the rate-limit message when the server sent `Retry-After`. */
  retryIn: string
  checking: string
  paidTitle: string
  paidText: string
  pendingTitle: string
  pendingText: string
  /** Shown when a payment is still pending after the polling time limit. */
  pendingLong: string
  failedTitle: string
  failedText: string
  /** The visible state of an element whose attributes are invalid. */
  misconfigured: string
}
