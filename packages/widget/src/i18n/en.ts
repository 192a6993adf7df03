import type { Messages } from './messages.ts'

/** English. */
export const en: Messages = {
  pay: 'Pay',
  payAmount: 'Pay {a}',
  unavailable: 'Not available',
  config: 'This payment button is not set up correctly.',
  server: 'Could not reach the payment server.',
}
