import type { Messages } from './messages.ts'

/** English. */
export const en: Messages = {
  pay: 'Pay',
  cancel: 'Cancel',
  close: 'Close',
  retry: 'Try again',
  loading: 'Preparing your order…',
  summary: 'Confirm your payment',
  amount: 'Amount',
  reference: 'Reference',
  error: 'The payment could not start',
  config: 'Not set up correctly.',
  not_found: 'This product is no longer available.',
  rate_limited: 'Please wait {s} s.',
  server: 'Could not reach the payment server.',
  paid: 'Payment received',
  pending: 'Payment is processing',
  later: 'We will email you the result.',
  failed: 'Payment failed',
}
