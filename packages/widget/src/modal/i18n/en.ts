import type { DialogMessages } from './dialog-messages.ts'

/** English. */
export const en: DialogMessages = {
  cancel: 'Cancel',
  close: 'Close',
  retry: 'Try again',
  amount: 'Amount',
  quantity: 'Quantity',
  reference: 'Order number',
  origin: 'This website is not allowed to take payments here yet.',
  not_found: 'This product is no longer available.',
  rate_limited: 'Please wait {s} s and try again.',
  loading: 'Preparing your order…',
  summary: 'Confirm your payment',
  sending: 'Taking you to the payment page…',
  error: 'Could not start the payment',
  pending: 'Payment is processing',
  paid: 'Payment received',
  declined: 'Payment declined',
  cancelled: 'Payment not completed',
  failed: 'Payment failed',
  unconfirmed: 'Could not check the payment',
  lateText: 'The bank has not answered yet. You may close this window: the shop will learn the result.',
  declinedText: 'The bank declined the card. Nothing was charged.',
  cancelledText: 'You left the payment page before paying. Nothing was charged.',
  unconfirmedText: 'Do not pay again: reload this page in a minute.',
}
