import type { DialogMessages } from './dialog-messages.ts'

/** English. */
export const en: DialogMessages = {
  cancel: 'Cancel',
  close: 'Close',
  retry: 'Try again',
  amount: 'Amount',
  quantity: 'Quantity',
  reference: 'Order number',
  config: 'This payment button is not set up correctly.',
  origin: 'This website may not take payments here yet.',
  rate_limited: 'Please wait a moment and try again.',
  loading: 'Preparing your order…',
  summary: 'Confirm your payment',
  sending: 'Taking you to the payment page…',
  error: 'Could not start the payment',
  pending: 'Payment is processing',
  paid: 'Payment received',
  declined: 'Payment declined',
  cancelled: 'Payment not completed',
  failed: 'Payment failed',
  lateText: 'The result is not known yet. Do not pay again: reload this page in a minute.',
  declinedText: 'The bank declined the card. Nothing was charged.',
}
