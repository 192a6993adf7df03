/**
 * The loader's strings: the Pay button and the notices beside it. The dialog's own strings ship
 * with the modal chunk (`modal/i18n/`), so a page that never opens it does not download them.
 * One interface, so a missing or misspelt key in `az.ts`, `en.ts` or `ru.ts` is a type error
 * rather than an empty button.
 */
export interface Messages {
  /** The Pay button. */
  pay: string
  /** The Pay button with a price: `{a}` is the amount (`5,23 ₼ ödə`, `Pay ₼5.23`). */
  payAmount: string
  /** The button of an item the server does not sell. */
  unavailable: string
  /** No answer from the signing server, or the modal could not load (also in the dialog). */
  server: string
}
