/**
 * The one parser of embed options, used for `<portmanat-checkout>` attributes and for
 * `open()` options alike: explicit defaults, every value checked, and a prefixed message that
 * names what is wrong (`[portmanat-checkout] item is required`).
 */
import { type Locale, matchLocale } from '@portmanat-checkout/shared'
import { isHttpUrl } from '../api/validate.ts'
import { withoutReturnParams } from '../flow/return-params.ts'

/** Prefix of every message the widget writes to the console. */
export const PREFIX = '[portmanat-checkout]'

export type Theme = 'light' | 'dark' | 'auto'

export const THEMES: readonly Theme[] = ['light', 'dark', 'auto']

/** Options after parsing: every field has its final value. */
export interface EmbedConfig {
  item: string
  /** The signing server's base URL, without a trailing slash. */
  endpoint: string
  /** Undefined: the page's locale (see `pageLocale`). */
  locale: Locale | undefined
  /** Absolute URL the buyer comes back to. @default the current page without return parameters */
  returnUrl: string
  /** Undefined: the localised "Pay". */
  label: string | undefined
  /** @default 'auto' */
  theme: Theme
  /** @default false */
  showPrice: boolean
}

export type ParseResult = { ok: true; config: EmbedConfig } | { ok: false; message: string; errors: string[] }

/** Raw option values as strings, the way attributes arrive; `null` or `undefined` when absent. */
export type RawOptions = Partial<
  Record<'item' | 'endpoint' | 'locale' | 'return-url' | 'label' | 'theme' | 'show-price', string | null>
>

export interface ParseContext {
  /** The endpoint used when none is given: the origin `widget.js` was loaded from. */
  defaultEndpoint: string | undefined
  /** The page's URL; relative `return-url`s resolve against it and it is the default return URL. */
  pageUrl: string
}

// Catalogue IDs travel in a URL path and a JSON body: keep them to a plain, bounded alphabet.
const ITEM = /^[\w.:~-]{1,128}$/

/** The endpoint of a URL without trailing slashes, query or hash, or undefined when not http(s). */
function endpointOf(value: string): string | undefined {
  if (!isHttpUrl(value)) return undefined
  const url = new URL(value)
  if (url.search || url.hash || url.username || url.password) return undefined
  return (url.origin + url.pathname).replace(/\/+$/, '')
}

/**
 * Parses embed options.
 *
 * @example parseOptions({ item: 'premium' }, context) // { ok: true, config: { item: 'premium', theme: 'auto', … } }
 * @example parseOptions({}, context) // { ok: false, message: '[portmanat-checkout] item is required', … }
 */
export function parseOptions(raw: RawOptions, context: ParseContext): ParseResult {
  const errors: string[] = []
  const text = (name: keyof RawOptions): string | undefined => raw[name]?.trim() || undefined

  const item = text('item') ?? ''
  if (!item) errors.push('item is required')
  else if (!ITEM.test(item))
    errors.push(`item "${item}" must be 1-128 letters, digits, ".", "_", ":", "~" or "-"`)

  const endpointText = text('endpoint') ?? context.defaultEndpoint
  const endpoint = endpointText ? endpointOf(endpointText) : undefined
  if (!endpointText) errors.push('endpoint is required when widget.js is not loaded from the signing server')
  else if (!endpoint) errors.push(`endpoint "${endpointText}" must be an http(s) URL without query or hash`)

  const localeText = text('locale')
  const locale = localeText ? matchLocale(localeText) : undefined
  if (localeText && !locale) errors.push(`locale "${localeText}" must be one of az, en, ru`)

  const themeText = text('theme') ?? 'auto'
  const theme = THEMES.find((known) => known === themeText)
  if (!theme) errors.push(`theme "${themeText}" must be one of light, dark, auto`)

  const returnText = text('return-url')
  let returnUrl: string | undefined
  if (returnText) {
    try {
      returnUrl = new URL(returnText, context.pageUrl).href
    } catch {
      returnUrl = undefined
    }
    if (!isHttpUrl(returnUrl)) errors.push(`return-url "${returnText}" must be an http(s) URL`)
  } else {
    returnUrl = withoutReturnParams(context.pageUrl)
  }

  // A boolean attribute: present means on, except an explicit "false" from frameworks.
  const showPrice = raw['show-price'] != null && raw['show-price'].trim() !== 'false'

  if (errors.length > 0 || !endpoint || !theme || !returnUrl) {
    return { ok: false, errors, message: `${PREFIX} ${errors.join('; ')}` }
  }
  return { ok: true, config: { item, endpoint, locale, returnUrl, label: text('label'), theme, showPrice } }
}
