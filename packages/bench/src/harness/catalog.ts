import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * What the measured server sells. Our own file rather than the sandbox's demo catalog, so the
 * raw baselines price and title exactly what the server does.
 */
export const CATALOG = {
  premium: { title: 'Premium plan', amount: '5.23', qepik: 523, description: 'One month of every feature' },
  cheap: { title: 'Sticker pack', amount: '1.00', qepik: 100 },
} as const

export type ItemId = keyof typeof CATALOG

/** Writes {@link CATALOG} as the server's `CATALOG` file into `dir`; returns its path. */
export function writeCatalog(dir: string): string {
  const items = Object.fromEntries(Object.entries(CATALOG).map(([id, { qepik: _, ...item }]) => [id, item]))
  const path = join(dir, 'catalog.json')
  writeFileSync(path, JSON.stringify({ items }))
  return path
}
