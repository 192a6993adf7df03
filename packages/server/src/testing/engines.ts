/**
 * Store factories for the route suites: SQLite in memory always, PostgreSQL (a fresh schema per
 * test) when `TEST_DATABASE_URL` is set. Built on the store's own test helpers.
 */
import { engines, freshLedger } from '../store/test-engines.ts'
import type { Store } from '../store/types.ts'

export interface StoreFactory {
  name: string
  /** A migrated store on a database of the current test's own; closed when the test ends. */
  open(): Promise<Store>
}

export const storeFactories: StoreFactory[] = engines
  .filter((engine) => engine.name === 'sqlite (memory)' || engine.dialect === 'postgres')
  .map((engine) => ({ name: engine.name, open: async () => (await freshLedger(engine)).open() }))
