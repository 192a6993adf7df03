import type { Messages } from './messages.ts'

/** Azerbaijani: the default and the fallback locale. */
export const az: Messages = {
  pay: 'Ödə',
  payAmount: '{a} ödə',
  unavailable: 'Satışda deyil',
  server: 'Ödəniş serverinə qoşulmaq mümkün olmadı.',
}
