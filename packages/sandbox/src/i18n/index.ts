/**
 * Locale choice and the string tables. The locale comes from `?lang=`, then a `lang` form field,
 * then `Accept-Language`; the default is Azerbaijani.
 */
import { type Locale, matchLocale } from '@portmanat-checkout/shared'
import { az } from './az.ts'
import { en } from './en.ts'
import { ru } from './ru.ts'
import type { Strings } from './strings.ts'

export type { CardError, FieldError, Strings } from './strings.ts'

export const STRINGS: Record<Locale, Strings> = { az, en, ru }

export const DEFAULT_LOCALE: Locale = 'az'

/** The first supported language of an `Accept-Language` header, by its q weights. */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params
        .map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1])
        .find((value) => value !== undefined)
      return { tag, q: q === undefined ? 1 : Number(q), index }
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const entry of ranked) {
    const locale = matchLocale(entry.tag)
    if (locale) return locale
  }
  return undefined
}

/**
 * Picks the page locale.
 *
 * @example pickLocale({ query: 'ru' }) // 'ru'
 */
export function pickLocale(sources: { query?: string; field?: string; acceptLanguage?: string }): Locale {
  return (
    matchLocale(sources.query) ??
    matchLocale(sources.field) ??
    fromAcceptLanguage(sources.acceptLanguage) ??
    DEFAULT_LOCALE
  )
}
