/**
 * The one parser of embed options, for `<portmanat-checkout>` attributes and `open()` options
 * alike: explicit defaults, every value checked, one prefixed message naming the first problem
 * (`[portmanat-checkout] item is required`, `[portmanat-checkout] invalid theme "pink"`).
 */
import { type Locale, matchLocale } from '@portmanat-checkout/shared'
import { httpUrl } from './api.ts'
import { pageLocale } from './i18n/index.ts'
import { withoutReturnParams } from './return-params.ts'

/** Prefix of every message the widget writes to the console or throws. */
export const PREFIX = '[portmanat-checkout]'

export type Theme = 'light' | 'dark' | 'auto'

/**
 * Page-wide defaults: the script-tag entry sets the endpoint to the origin `widget.js` came
 * from (and `src` to its URL, where the modal chunk is found); `define({ endpoint })` sets the
 * endpoint for bundler users.
 */
export const defaults: { endpoint?: string | undefined; src?: string } = {}

/** Options after parsing: every field has its final value. */
export interface Config {
  item: string
  /** The signing server's base URL, without a trailing slash. */
  endpoint: string
  /** The `locale` option, else the page's (`pageLocale()`, read when the options are). */
  locale: Locale
  /** Absolute URL the buyer comes back to. @default the current page without return parameters */
  returnUrl: string
  /** Undefined: the localised "Pay". */
  label: string | undefined
  /** @default 'auto' */
  theme: Theme
  /** @default false */
  showPrice: boolean
  /** How many of the item (the server multiplies and checks its `max_quantity`). @default 1 */
  quantity: number
}

/** Every option, in the order the element observes them. */
export const OPTION_NAMES = [
  'item',
  'endpoint',
  'locale',
  'return-url',
  'label',
  'theme',
  'show-price',
  'quantity',
] as const

export type OptionName = (typeof OPTION_NAMES)[number]

/** The raw value of an option as a string, the way attributes arrive; `null` or `undefined` when absent. */
export type RawOptions = (name: OptionName) => string | null | undefined

/**
 * Parses embed options; a relative `return-url` resolves against the current page.
 *
 * @returns the options, or one prefixed message naming what is wrong
 * @example parseOptions((name) => element.getAttribute(name)) // { item: 'premium', theme: 'auto', … }
 * @example parseOptions(() => undefined) // '[portmanat-checkout] item is required'
 */
export function parseOptions(raw: RawOptions): Config | string {
  const get = (name: OptionName): string | undefined => raw(name)?.trim() || undefined
  const item = get('item')
  const endpoint = get('endpoint') ?? defaults.endpoint
  const url = httpUrl(endpoint)
  const tag = get('locale')
  const locale = matchLocale(tag)
  const theme = get('theme') ?? 'auto'
  const back = get('return-url')
  const returnUrl = httpUrl(back ?? withoutReturnParams(location.href), location.href)
  const showPrice = get('show-price')
  const quantity = get('quantity') ?? '1'
  // [option, its value, whether it is fine]; an absent required value is "required".
  const wrong = (
    [
      // Catalogue IDs travel in a URL path and a JSON body: a plain, bounded alphabet.
      ['item', item, item && /^[\w.:~-]{1,128}$/.test(item)],
      ['endpoint', endpoint, url && !url.search && !url.hash && !url.username],
      ['locale', tag, !tag || locale],
      ['theme', theme, /^(light|dark|auto)$/.test(theme)],
      ['return-url', back, returnUrl],
      ['quantity', quantity, /^[1-9]\d{0,2}$/.test(quantity)],
    ] as const
  ).find((check) => !check[2])
  return wrong || !item || !url || !returnUrl
    ? `${PREFIX} ${wrong?.[1] ? `invalid ${wrong[0]} "${wrong[1]}"` : `${wrong?.[0]} is required`}`
    : {
        item,
        endpoint: (url.origin + url.pathname).replace(/\/+$/, ''),
        locale: locale ?? pageLocale(),
        returnUrl: returnUrl.href,
        label: get('label'),
        theme: theme as Theme,
        // A boolean attribute: present means on, except an explicit "false" from frameworks.
        showPrice: raw('show-price') != null && showPrice !== 'false',
        quantity: +quantity,
      }
}
