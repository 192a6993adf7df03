/**
 * The dialog's strings, in the modal chunk. One label per concept: the order's reference is
 * always `reference`, a new attempt always `retry`. Dialog titles are keyed by the modal's
 * phase, error texts by `ErrorKind` (`network` and `server` read as the loader's `server`,
 * `config` is the loader's too). Texts say only what is true: nothing promises an e-mail.
 */
import type { ErrorKind } from '../../api.ts'

export interface DialogMessages extends Record<Exclude<ErrorKind, 'network' | 'server' | 'config'>, string> {
  cancel: string
  close: string
  /** A new attempt: a new order after a failed payment, the same request or check after an error. */
  retry: string
  amount: string
  quantity: string
  /** The order's `client_rrn`. */
  reference: string
  // Dialog titles, by phase.
  loading: string
  summary: string
  /** Below the summary while the form posts to the PSP. */
  sending: string
  /** Title of an error before the buyer reached the PSP. */
  error: string
  /** While the payment is checked after the return, and while the bank has not answered. */
  pending: string
  paid: string
  declined: string
  cancelled: string
  failed: string
  /** The payment could not be looked up after the return (the server did not answer). */
  unconfirmed: string
  // Texts under the title.
  /** Pending after the polling time limit: what really happens next. */
  lateText: string
  declinedText: string
  cancelledText: string
  unconfirmedText: string
}
