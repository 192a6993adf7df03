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

/** Every locale's table. */
export const MESSAGES: Record<Locale, Messages> = { az, en, ru }

/**
 * The locale to show when the embed did not choose one (reads the DOM only when called).
 *
 * @default 'az'
 */
export const pageLocale = (): Locale =>
  [document.documentElement.lang, ...navigator.languages].map(matchLocale).find(Boolean) ?? 'az'
