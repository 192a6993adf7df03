/**
 * The catalog: the items the widget may sell, with the prices the server (never the browser)
 * decides. Loaded from the `CATALOG` JSON file or, in sandbox mode, the demo catalog below.
 */
import { LOCALES, type Locale, MAX_QEPIK, parseAmount } from '@portmanat-checkout/shared'
import * as v from 'valibot'

/** Text for buyers: one string for every language, or one per language (`{"az", "en", "ru"}`). */
export type LocalizedText = string | Partial<Record<Locale, string>>

/** One item the widget may sell; the price is integer qəpik for one of it. */
export interface CatalogItem {
  id: string
  title: LocalizedText
  qepik: number
  description?: LocalizedText
  /** How many of it one order may take (`max_quantity`); 1 when the catalog says nothing. */
  maxQuantity: number
}

/** The most of one item an order may take, whatever the catalog says. */
export const MAX_QUANTITY = 999

/** How many of an item a buyer asks for: the server multiplies, within the item's `max_quantity`. */
export const Quantity = v.pipe(
  v.number('quantity must be a number'),
  v.integer('quantity must be a whole number'),
  v.minValue(1, 'quantity must be at least 1'),
  v.maxValue(MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`),
)

/**
 * `text` in `locale`, else in the first language the catalog wrote it in (az, en, ru): a
 * buyer reads an English title rather than none.
 *
 * @example textIn({ az: 'Kofe', en: 'Coffee' }, 'ru') // 'Kofe'
 */
export const textIn = (text: LocalizedText, locale: Locale | null | undefined): string =>
  typeof text === 'string' ? text : ([locale, ...LOCALES].map((l) => l && text[l]).find(Boolean) ?? '')

export type Catalog = ReadonlyMap<string, CatalogItem>

/** Item ids: short, lowercase, safe in a URL and an HTML attribute. */
export const ITEM_ID_PATTERN = /^[a-z0-9_-]{1,64}$/

/** A decimal manat string read strictly into integer qəpik (shared `parseAmount`). */
export const AmountSchema = v.pipe(
  v.string('amount must be a decimal string such as "5.23"'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const parsed = parseAmount(dataset.value)
    if (parsed.ok) return parsed.qepik
    addIssue({ message: parsed.message })
    return NEVER
  }),
)

/**
 * Text shown to buyers (a title, a description): trimmed, bounded, and free of control
 * characters, which no page needs and PostgreSQL refuses (NUL) where SQLite would not.
 */
export const displayText = (field: string, max: number, min = 0) =>
  v.pipe(
    v.string(`${field} must be a string`),
    v.trim(),
    v.minLength(min, `${field} is empty`),
    v.maxLength(max, `${field} is longer than ${max} characters`),
    v.regex(/^\P{Cc}*$/u, `${field} must not contain control characters`),
  )

/** A {@link displayText} for every language at once, or per language (at least one). */
const localizedText = (field: string, max: number, min = 0) =>
  v.union(
    [
      displayText(field, max, min),
      v.pipe(
        v.strictObject({
          az: v.optional(displayText(`${field}.az`, max, min)),
          en: v.optional(displayText(`${field}.en`, max, min)),
          ru: v.optional(displayText(`${field}.ru`, max, min)),
        }),
        v.check((text) => LOCALES.some((locale) => text[locale] !== undefined), `${field} names no language`),
      ),
    ],
    `${field} must be a string or {"az", "en", "ru"}`,
  )

const Item = v.pipe(
  v.strictObject({
    title: localizedText('title', 200, 1),
    amount: AmountSchema,
    description: v.optional(localizedText('description', 1000)),
    max_quantity: v.optional(
      v.pipe(
        v.number('max_quantity must be a number'),
        v.integer('max_quantity must be a whole number'),
        v.minValue(1, 'max_quantity must be at least 1'),
        v.maxValue(MAX_QUANTITY, `max_quantity must be at most ${MAX_QUANTITY}`),
      ),
    ),
  }),
  // The largest order must still be an amount the PSP can be asked for.
  v.check(
    (item) => item.amount * (item.max_quantity ?? 1) <= MAX_QEPIK,
    'amount × max_quantity is above 9999999.99',
  ),
)

const CatalogFile = v.strictObject({
  items: v.record(v.pipe(v.string(), v.regex(ITEM_ID_PATTERN, 'item ids must match [a-z0-9_-]{1,64}')), Item),
})

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; message: string }

/**
 * Validates a parsed catalog file: `{"items": {"ID": {"title", "amount": "5.23", "description"?,
 * "max_quantity"?}}}`, `title` and `description` a string or `{"az", "en", "ru"}`.
 *
 * @example parseCatalog({ items: { coffee: { title: { az: 'Kofe', en: 'Coffee' }, amount: '24.90' } } })
 */
export function parseCatalog(json: unknown): CatalogResult {
  const parsed = v.safeParse(CatalogFile, json)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const path = issue?.path?.map((item) => String(item.key)).join('.')
    return { ok: false, message: `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}` }
  }
  const catalog = new Map<string, CatalogItem>()
  for (const [id, item] of Object.entries(parsed.output.items)) {
    catalog.set(id, {
      id,
      title: item.title,
      qepik: item.amount,
      ...(item.description ? { description: item.description } : {}),
      maxQuantity: item.max_quantity ?? 1,
    })
  }
  return { ok: true, catalog }
}

/** What sandbox mode sells when no `CATALOG` is given: in three languages, coffee by the kilo. */
export const DEMO_CATALOG: Catalog = new Map<string, CatalogItem>([
  [
    'premium',
    {
      id: 'premium',
      title: { az: 'Premium tarif', en: 'Premium plan', ru: 'Тариф «Премиум»' },
      qepik: 523,
      description: {
        az: 'Bütün imkanlar bir aylıq',
        en: 'One month of every feature',
        ru: 'Все возможности на месяц',
      },
      maxQuantity: 1,
    },
  ],
  [
    'coffee',
    {
      id: 'coffee',
      title: { az: 'Qəhvə dənələri, 1 kq', en: 'Coffee beans 1 kg', ru: 'Кофе в зёрнах, 1 кг' },
      qepik: 2490,
      description: {
        az: 'Təzə qovrulmuş arabika',
        en: 'Freshly roasted arabica',
        ru: 'Свежая обжарка, арабика',
      },
      maxQuantity: 10,
    },
  ],
  [
    'ticket',
    {
      id: 'ticket',
      title: { az: 'Konsert bileti', en: 'Concert ticket', ru: 'Билет на концерт' },
      qepik: 4000,
      description: {
        az: 'Ayaqüstü, Bakı Kristal Zalı',
        en: 'Standing, Baku Crystal Hall',
        ru: 'Танцпол, «Бакы Кристал Холл»',
      },
      maxQuantity: 4,
    },
  ],
])
