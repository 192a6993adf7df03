import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Text in every language at once, or per language. */
type Text = string | { az?: string; en?: string; ru?: string }

/** One catalog entry as the server's `CATALOG` file expects it. */
export interface CatalogItem {
  title: Text
  amount: string
  description?: Text
  max_quantity?: number
}

/**
 * The items the e2e server sells. The tests pass their own catalog (rather than relying on the
 * sandbox demo catalog) so ids and prices are ours and cannot drift.
 */
export const CATALOG = {
  premium: {
    title: { az: 'Premium tarif', en: 'Premium plan', ru: 'Тариф «Премиум»' },
    amount: '5.23',
    description: { az: 'Bir aylıq premium', en: 'One month of premium features', ru: 'Месяц премиума' },
  },
  cheap: { title: 'Sticker pack', amount: '1.00', max_quantity: 5 },
  expensive: { title: 'Studio laptop', amount: '2499.00', description: '16-inch, 1 TB' },
} as const satisfies Record<string, CatalogItem>

/** An id of {@link CATALOG}. */
export type ItemId = keyof typeof CATALOG

/** Writes {@link CATALOG} as `{"items": …}` into `dir` and returns the file's path. */
export const writeCatalog = (dir: string): string => {
  const path = join(dir, 'catalog.json')
  writeFileSync(path, JSON.stringify({ items: CATALOG }, null, 2))
  return path
}
