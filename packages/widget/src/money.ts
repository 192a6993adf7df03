/**
 * Prices for people, from the canonical string the server sends (`2499.00` → `2.499,00 ₼` in
 * az, `2 499,00 ₼` in ru, `₼2,499.00` in en). Written here rather than imported: shared's
 * `formatMoney` goes through qəpik and its range checks, which the script cannot afford;
 * `money.test.ts` proves both agree on every amount.
 */
import type { Locale } from '@portmanat-checkout/shared'

/** Formats a canonical amount (checked by `isAmount`) as shared's `formatMoney` would. */
export function money(amount: string, locale: Locale): string {
  const [whole = '', cents] = amount.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, locale === 'en' ? ',' : locale === 'ru' ? '\xa0' : '.')
  return locale === 'en' ? `₼${grouped}.${cents}` : `${grouped},${cents}\xa0₼`
}
