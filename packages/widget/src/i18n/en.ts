import type { Messages } from './messages.ts'

/** English. */
export const en: Messages = {
  pay: 'Pay',
  payAmount: 'Pay {a}',
  unavailable: 'Not available',
  server: 'Could not reach the payment server.',
}
