/**
 * The test bank: its test cards and the checks of the card form (number, expiry, CVV).
 */
import { bakuWallClock } from './baku-time.ts'
import type { CardError } from './i18n/index.ts'

export type CardOutcome = 'paid' | 'declined' | 'pending'

/** Test cards and what paying with them does, like Stripe's `4242…`. */
export const TEST_CARDS: readonly { number: string; outcome: CardOutcome }[] = [
  { number: '4242424242424242', outcome: 'paid' },
  { number: '4000000000000002', outcome: 'declined' },
  { number: '4000000000000077', outcome: 'pending' },
]

/** Groups a card number by four digits for people: `4242 4242 4242 4242`. */
export const groupCardNumber = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ')

/** The Luhn checksum that every real card number passes. */
export function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

export interface CardForm {
  number: string
  expiry: string
  cvv: string
}

export type CardCheck =
  | { ok: true; outcome: CardOutcome; last4: string }
  | { ok: false; errors: Partial<Record<keyof CardForm, CardError>> }

/**
 * Checks the card form; `now` decides whether the expiry has passed (a card is good through
 * the last day of its expiry month).
 */
export function checkCard(form: CardForm, now: Date): CardCheck {
  const errors: Partial<Record<keyof CardForm, CardError>> = {}
  const digits = form.number.replace(/\s+/g, '')
  let outcome: CardOutcome | undefined
  if (digits === '') errors.number = 'numberMissing'
  else if (!/^\d{12,19}$/.test(digits) || !luhn(digits)) errors.number = 'numberInvalid'
  else {
    outcome = TEST_CARDS.find((card) => card.number === digits)?.outcome
    if (!outcome) errors.number = 'numberNotTest'
  }

  const expiry = /^\s*(\d{2})\s*\/\s*(\d{2})\s*$/.exec(form.expiry)
  const month = Number(expiry?.[1])
  if (!expiry || month < 1 || month > 12) errors.expiry = 'expiryFormat'
  else {
    // Months in the bank's own calendar.
    const today = bakuWallClock(now)
    const current = today.getUTCFullYear() * 12 + today.getUTCMonth()
    if ((2000 + Number(expiry[2])) * 12 + (month - 1) < current) errors.expiry = 'expiryPast'
  }

  if (!/^\d{3}$/.test(form.cvv.trim())) errors.cvv = 'cvvFormat'

  if (outcome && Object.keys(errors).length === 0) return { ok: true, outcome, last4: digits.slice(-4) }
  return { ok: false, errors }
}
