import { formatMoney, type Locale } from '@portmanat-checkout/shared'

// The server sends canonical amounts only ("5.23"); shared's parseAmount would bring its
// error-message table into the 8 KB bundle for inputs the widget never sees.
const CANONICAL = /^(0|[1-9]\d{0,6})\.(\d\d)$/

/** Integer qəpik of a canonical amount string, or undefined. */
export function qepikOf(amount: unknown): number | undefined {
  const match = typeof amount === 'string' ? CANONICAL.exec(amount) : null
  const qepik = match ? Number(match[1]) * 100 + Number(match[2]) : 0
  return qepik > 0 ? qepik : undefined
}

/** A canonical amount string for people (`5,23 ₼`, `₼5.23`); the raw string if it is not one. */
export function money(amount: string, locale: Locale): string {
  const qepik = qepikOf(amount)
  return qepik ? formatMoney(qepik, locale) : amount
}
