/**
 * The dialog's strings, in the modal chunk. One label per concept: the order's reference is
 * always `reference`, a new attempt always `retry`. Dialog titles are keyed by the modal's
 * phase, error texts by `ErrorKind` (`network` and `server` read as the loader's `server`,
 * `not_found` as its `unavailable`). Texts say only what is true: nothing promises an e-mail.
 */
import type { ErrorKind } from '../../api.ts'

export interface DialogMessages
  extends Record<Exclude<ErrorKind, 'network' | 'server' | 'not_found'>, string> {
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
  /** While the payment is checked after the return, while the bank has not answered, and when no result came. */
  pending: string
  paid: string
  declined: string
  cancelled: string
  failed: string
  // Texts under the title.
  /** No result after the return, pending or unanswered: what really happens next. */
  lateText: string
  declinedText: string
}
