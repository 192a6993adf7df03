/**
 * The parts of a store that need Kysely — migrations and the operator's reports — loaded when
 * first used. A start on an up-to-date schema only reads the last migration's name.
 */
import type { Kysely } from 'kysely'
import { LATEST_MIGRATION } from './migration-names.ts'
import type { StoreDialect, StoreLogger } from './options.ts'
import type { Reports } from './reports.ts'
import type { Database } from './tables.ts'

type QueryBuilder = () => Promise<Kysely<Database>>

/** Reports that load `reports.ts` (and Kysely) at their first call. */
export function lazyReports(queryBuilder: QueryBuilder): Reports {
  let loaded: Promise<Reports> | undefined
  const load = () => {
    loaded ??= Promise.all([import('./reports.ts'), queryBuilder()]).then(([module, db]) =>
      module.reports(db),
    )
    return loaded
  }
  return {
    listOrders: async (filter, page) => (await load()).listOrders(filter, page),
    async *exportOrders(filter, batch) {
      yield* (await load()).exportOrders(filter, batch)
    },
    paidTotals: async (filter) => (await load()).paidTotals(filter),
    listMessages: async (filter) => (await load()).listMessages(filter),
    countMessages: async (status) => (await load()).countMessages(status),
    dueMessages: async (now) => (await load()).dueMessages(now),
  }
}

/**
 * Migrates unless the database says the latest migration has run (`latestApplied` reads Kysely's
 * own table with the store's connection; it is missing on a new database).
 */
export async function migrateIfBehind(
  queryBuilder: QueryBuilder,
  dialect: StoreDialect,
  latestApplied: () => Promise<string | undefined>,
  options: { logger?: StoreLogger; where?: string },
): Promise<void> {
  const latest = await latestApplied().catch(() => undefined)
  if (latest === LATEST_MIGRATION) return
  const { migrateToLatest } = await import('./migrations.ts')
  await migrateToLatest(await queryBuilder(), dialect, options)
}
