import { describe, expect, it } from 'vitest'
import { migrateIfBehind } from './lazy-tools.ts'
import { LATEST_MIGRATION, MIGRATIONS } from './migration-names.ts'
import { migrationProvider } from './migrations.ts'

describe('the lazy parts of a store', () => {
  it('an up-to-date schema is recognised without making a query builder (Kysely is not loaded)', async () => {
    const refuse = () => Promise.reject(new Error('the query builder must not be made'))
    await migrateIfBehind(refuse, 'sqlite', async () => LATEST_MIGRATION, {})
    await expect(migrateIfBehind(refuse, 'sqlite', async () => MIGRATIONS[0], {})).rejects.toThrow(
      /must not be made/,
    )
    await expect(migrateIfBehind(refuse, 'sqlite', async () => undefined, {})).rejects.toThrow(
      /must not be made/,
    )
  })

  it('the migrations are the ones named, in order', async () => {
    expect(Object.keys(await migrationProvider('sqlite').getMigrations())).toEqual([...MIGRATIONS])
  })
})
