/**
 * The catalog: the items the widget may sell, with the prices the server (never the browser)
 * decides. Loaded from the `CATALOG` JSON file or, in sandbox mode, the demo catalog below.
 */
import { parseAmount } from '@portmanat-checkout/shared'
import * as v from 'valibot'

/** One item the widget may sell; the price is integer qəpik. */
export interface CatalogItem {
  id: string
  title: string
  qepik: number
  description?: string
}

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

const Item = v.strictObject({
  title: displayText('title', 200, 1),
  amount: AmountSchema,
  description: v.optional(displayText('description', 1000)),
})

const CatalogFile = v.strictObject({
  items: v.record(v.pipe(v.string(), v.regex(ITEM_ID_PATTERN, 'item ids must match [a-z0-9_-]{1,64}')), Item),
})

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; message: string }

/**
 * Validates a parsed catalog file: `{"items": {"ID": {"title", "amount": "5.23", "description"?}}}`.
 *
 * @example parseCatalog({ items: { coffee: { title: 'Coffee', amount: '24.90' } } })
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
    })
  }
  return { ok: true, catalog }
}

/** What sandbox mode sells when no `CATALOG` is given. */
export const DEMO_CATALOG: Catalog = new Map<string, CatalogItem>([
  [
    'premium',
    { id: 'premium', title: 'Premium plan', qepik: 523, description: 'One month of every feature' },
  ],
  [
    'coffee',
    { id: 'coffee', title: 'Coffee beans 1 kg', qepik: 2490, description: 'Freshly roasted arabica' },
  ],
  [
    'ticket',
    { id: 'ticket', title: 'Concert ticket', qepik: 4000, description: 'Standing, Baku Crystal Hall' },
  ],
])
