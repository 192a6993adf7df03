/**
 * The shape every locale table fills: one interface, so a missing or misspelt key in `az.ts`,
 * `en.ts` or `ru.ts` is a type error rather than an empty button. Strings are short on purpose:
 * all three tables ship inside the 8 KB script. Dialog titles are keyed by the modal's phase,
 * error texts by `ErrorKind`.
 */
import type { ErrorKind } from '../api.ts'

export interface Messages extends Record<ErrorKind, string> {
  /** The Pay button; with a price it reads `{pay} {amount}` in every locale. */
  pay: string
  cancel: string
  close: string
  retry: string
  /** Title while the order is created. */
  loading: string
  /** Title of the order summary. */
  summary: string
  item: string
  amount: string
  reference: string
  /** While the form posts to the PSP. */
  submitting: string
  /** Title of every error. */
  error: string
  /** Title while the return page asks the server about the payment. */
  checking: string
  paid: string
  pending: string
  /** Pending after the polling time limit. */
  later: string
  failed: string
}
