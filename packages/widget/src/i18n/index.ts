/**
 * Locale tables and the one place that picks a locale: the `locale` attribute or option wins,
 * then the page's `<html lang>`, then the browser's languages, then Azerbaijani.
 */
import { type Locale, matchLocale } from '@portmanat-checkout/shared'
import { az } from './az.ts'
import { en } from './en.ts'
import type { Messages } from './messages.ts'
import { ru } from './ru.ts'

export type { Messages }

const TABLES: Record<Locale, Messages> = { az, en, ru }

/** The table of a locale. */
export const messagesFor = (locale: Locale): Messages => TABLES[locale]

/**
 * The locale to show when the embed did not choose one.
 *
 * @param htmlLang the page's `<html lang>`
 * @param languages the browser's `navigator.languages`
 * @default 'az'
 */
export function pageLocale(htmlLang: string | null | undefined, languages: readonly string[] = []): Locale {
  return matchLocale(htmlLang) ?? languages.map(matchLocale).find(Boolean) ?? 'az'
}

/** The locale of the page this code runs on (never touches the DOM before it is called). */
export const currentPageLocale = (): Locale => pageLocale(document.documentElement.lang, navigator.languages)

/** Fills `{name}` placeholders. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))
