import type { Messages } from './messages.ts'

/** English. */
export const en: Messages = {
  pay: 'Pay',
  cancel: 'Cancel',
  close: 'Close',
  retry: 'Try again',
  loading: 'Preparing your order…',
  summary: 'Confirm your payment',
  item: 'Item',
  amount: 'Amount',
  reference: 'Reference',
  submitting: 'Redirecting…',
  error: 'The payment could not start',
  config: 'This button is not set up correctly. Please contact the shop.',
  not_found: 'This product is no longer available.',
  rate_limited: 'Too many attempts. Try again in {s} s.',
  server: 'The payment server is unavailable. Try again later.',
  network: 'Could not reach the payment server.',
  checking: 'Checking your payment…',
  paid: 'Payment received',
  pending: 'Payment is processing',
  later: 'We will email you when the bank confirms it.',
  failed: 'Payment failed',
}
