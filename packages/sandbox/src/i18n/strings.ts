/**
 * The shape of one locale's table of page strings. Every user-facing word lives in
 * `az.ts`, `en.ts` or `ru.ts`; pages only look strings up.
 */
import type { AmountError } from '@portmanat-checkout/shared'
import type { PaymentStatus } from '../types.ts'

export type CardError =
  | 'numberMissing'
  | 'numberInvalid'
  | 'numberNotTest'
  | 'expiryFormat'
  | 'expiryPast'
  | 'cvvFormat'

export type FieldError =
  | 'required'
  | 'repeated'
  | 'unknownService'
  | 'hashFormat'
  | 'hashWrong'
  | 'clientRrnFormat'
  | 'clientRrnTaken'
  | 'clientIp'

export interface Strings {
  /** BCP 47 tag for `<html lang>`. */
  tag: string
  site: string
  banner: string
  bannerDetail: string
  continue: string
  cancel: string
  checkTitle: string
  checkIntro: string
  service: string
  amount: string
  clientRrn: string
  pspRrn: string
  bankTitle: string
  bankIntro: string
  cardNumber: string
  expiry: string
  expiryHint: string
  cvv: string
  pay: (amount: string) => string
  testCards: string
  card: string
  outcome: string
  outcomes: { paid: string; declined: string; pending: string }
  errorSummary: string
  cardErrors: Record<CardError, string>
  processErrorTitle: string
  processErrorIntro: string
  fieldErrors: Record<FieldError, string>
  amountErrors: Record<AmountError, string>
  notFoundTitle: string
  notFoundText: string
  paymentNotFound: string
  paymentFinished: string
  paymentFinishedText: string
  serverErrorTitle: string
  serverErrorText: string
  tooLarge: string
  methodNotAllowed: string
  unsupportedType: string
  redirectTitle: string
  redirectText: string
  resultTitle: string
  resultText: string
  status: string
  statuses: Record<PaymentStatus, string>
}
