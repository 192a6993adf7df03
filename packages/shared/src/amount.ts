/**
 * Money at the edges. Inside the project every amount is an integer number of qəpik
 * (1 manat = 100 qəpik); at the edges it is one canonical decimal string (`5.23`), which is
 * exactly what is signed and exactly what is posted to the PSP.
 */

/** The largest amount the project accepts, in qəpik: 9 999 999.99 ₼. */
export const MAX_QEPIK = 999_999_999

export type AmountError = 'empty' | 'not_a_string' | 'format' | 'too_many_decimals' | 'zero' | 'too_large'

export type AmountResult = { ok: true; qepik: number } | { ok: false; error: AmountError; message: string }

const MESSAGES: Record<AmountError, string> = {
  empty: 'amount is empty',
  not_a_string: 'amount must be a decimal string such as "5.23"',
  format:
    'amount must be a plain decimal such as 5, 5.2 or 5.23 (digits and one dot, no sign, spaces or exponent)',
  too_many_decimals: 'amount has more than two decimals',
  zero: 'amount must be greater than zero',
  too_large: 'amount is above 9999999.99',
}

// Whole manat without leading zeros (or a single 0), then at most two decimals.
const GRAMMAR = /^(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/
const TOO_MANY_DECIMALS = /^(0|[1-9][0-9]*)\.[0-9]{3,}$/

const fail = (error: AmountError): AmountResult => ({ ok: false, error, message: MESSAGES[error] })

/**
 * Parses a decimal manat amount strictly into integer qəpik.
 *
 * @example parseAmount('5.2') // { ok: true, qepik: 520 }
 * @example parseAmount('5,23') // { ok: false, error: 'format', … }
 */
export function parseAmount(input: unknown): AmountResult {
  if (typeof input !== 'string') return fail('not_a_string')
  if (input === '') return fail('empty')
  const match = GRAMMAR.exec(input)
  if (!match) return fail(TOO_MANY_DECIMALS.test(input) ? 'too_many_decimals' : 'format')
  const whole = match[1] ?? '0'
  // More than seven whole digits is above the maximum whatever the decimals; checking the
  // length first keeps Number() on short, exact integers only.
  if (whole.length > 7) return fail('too_large')
  const cents = (match[2] ?? '').padEnd(2, '0')
  const qepik = Number(whole) * 100 + Number(cents)
  if (qepik === 0) return fail('zero')
  if (qepik > MAX_QEPIK) return fail('too_large')
  return { ok: true, qepik }
}

/** True for an integer qəpik amount the project can charge. */
export function isValidQepik(qepik: unknown): qepik is number {
  return typeof qepik === 'number' && Number.isSafeInteger(qepik) && qepik > 0 && qepik <= MAX_QEPIK
}

/**
 * The one canonical string of an amount: whole manat, a dot, two decimals. This string is
 * signed and posted byte for byte.
 *
 * @example toCanonical(520) // '5.20'
 */
export function toCanonical(qepik: number): string {
  if (!isValidQepik(qepik)) throw new RangeError(`not a chargeable qəpik amount: ${String(qepik)}`)
  const whole = Math.floor(qepik / 100)
  const cents = qepik % 100
  return `${whole}.${cents < 10 ? '0' : ''}${cents}`
}

/** The canonical string of a decimal input, or undefined when the input is not an amount. */
export function canonicalAmount(input: unknown): string | undefined {
  const parsed = parseAmount(input)
  return parsed.ok ? toCanonical(parsed.qepik) : undefined
}

export type Locale = 'az' | 'en' | 'ru'

export const LOCALES: readonly Locale[] = ['az', 'en', 'ru']

/** The manat sign. */
export const MANAT = '₼'

const NBSP = '\u00a0'

// Written out rather than left to Intl: ICU data differs between Node builds and browsers,
// and a price must read the same on the button, in the modal and on the server's pages.
const STYLE: Record<Locale, { group: string; decimal: string; symbolFirst: boolean }> = {
  az: { group: '.', decimal: ',', symbolFirst: false },
  en: { group: ',', decimal: '.', symbolFirst: true },
  ru: { group: NBSP, decimal: ',', symbolFirst: false },
}

/**
 * Formats an amount for people: `5,23 ₼` in az and ru, `₼5.23` in en, with thousands grouped.
 *
 * @example formatMoney(123450, 'az') // '1.234,50 ₼'
 */
export function formatMoney(qepik: number, locale: Locale): string {
  return formatManat(toCanonical(qepik), locale)
}

/**
 * Formats a sum of amounts (a day's takings): like {@link formatMoney}, but zero and totals above
 * one order's limit are fine. Any non-negative whole number of qəpik.
 *
 * @example formatSum(0, 'en') // '₼0.00'
 */
export function formatSum(qepik: number, locale: Locale): string {
  if (!Number.isSafeInteger(qepik) || qepik < 0) throw new RangeError(`not a sum of qəpik: ${String(qepik)}`)
  const cents = qepik % 100
  return formatManat(`${Math.floor(qepik / 100)}.${cents < 10 ? '0' : ''}${cents}`, locale)
}

function formatManat(canonical: string, locale: Locale): string {
  const style = STYLE[locale] ?? STYLE.az
  const [whole = '0', cents = '00'] = canonical.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, style.group)
  const number = `${grouped}${style.decimal}${cents}`
  return style.symbolFirst ? `${MANAT}${number}` : `${number}${NBSP}${MANAT}`
}

/** Picks a supported locale from a tag such as `ru-RU`, or undefined. */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0]
  return LOCALES.find((locale) => locale === primary)
}
