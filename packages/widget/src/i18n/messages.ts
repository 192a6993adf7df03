/**
 * The shape every locale table fills: one interface, so a missing or misspelt key in `az.ts`,
 * `en.ts` or `ru.ts` is a type error rather than an empty button. Strings are short on purpose:
 * all three tables ship inside the 8 KB script. Dialog titles are keyed by the modal's phase,
 * error texts by `ErrorKind` (`network` reads as `server`).
 */
import type { ErrorKind } from '../api.ts'

export interface Messages extends Record<Exclude<ErrorKind, 'network'>, string> {
  /** The Pay button; with a price it reads `{pay} {amount}` in every locale. */
  pay: string
  cancel: string
  close: string
  retry: string
  /** Title while the order is created. */
  loading: string
  /** Title of the order summary (also while the form posts). */
  summary: string
  amount: string
  reference: string
  /** Title of every error. */
  error: string
  paid: string
  /** Title while the payment is checked and while it is pending. */
  pending: string
  /** Pending after the polling time limit. */
  later: string
  failed: string
}
