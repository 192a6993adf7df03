import { formatMoney, type Locale, parseAmount } from '@portmanat-checkout/shared'

/** A canonical amount string for people (`5,23 ₼`, `₼5.23`); the raw string if it is not one. */
export function money(amount: string, locale: Locale): string {
  const parsed = parseAmount(amount)
  return parsed.ok ? formatMoney(parsed.qepik, locale) : amount
}
