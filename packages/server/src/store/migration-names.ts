/**
 * The names of the migrations, in the order they apply (`migrations.ts` maps each to its code).
 * Kept apart so a start can see that the schema is up to date without loading Kysely.
 */
export const MIGRATIONS = [
  '2026-11-01-ledger',
  '2026-11-28-attempts-and-outbox',
  '2026-11-28-revoked-sessions',
] as const

export const LATEST_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]
