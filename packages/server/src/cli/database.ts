/**
 * Opening the server's database from the command line, without disturbing the server: nothing is
 * created or migrated here (a CLI of a newer version must not change the schema under a running
 * older server, and a typo in the working folder must not make an empty database). A database that
 * is missing or behind the code is an error that says what to do.
 */
import { existsSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { type Kysely, Migrator, sql } from 'kysely'
import type { Logger } from '../logger.ts'
import { parseDatabaseUrl, redactDatabaseUrl } from '../store/database-url.ts'
import { createStore } from '../store/index.ts'
import { migrationProvider } from '../store/migrations.ts'
import { openDatabase } from '../store/open-database.ts'
import type { Database } from '../store/tables.ts'
import type { Store } from '../store/types.ts'
import { CliError } from './io.ts'

export interface DatabaseReport {
  engine: 'sqlite' | 'postgres'
  /** `DATABASE_URL` with its password hidden. */
  where: string
  /** The SQLite file, absolute. */
  file?: string
  /** Migrations this version knows, and those the database has not had yet. */
  migrations: { total: number; pending: string[] }
}

/** `DATABASE_URL` with a relative SQLite path made absolute against `cwd` (as the server reads it there). */
function databaseUrlIn(databaseUrl: string, cwd: string): string {
  const target = parseDatabaseUrl(databaseUrl)
  if (target.engine !== 'sqlite' || target.path === ':memory:' || isAbsolute(target.path)) return databaseUrl
  return `sqlite:${resolve(cwd, target.path)}`
}

/**
 * Looks at the database without changing it: that it exists, opens and answers, and which
 * migrations it lacks.
 * @throws {CliError} when the SQLite file does not exist
 * @throws the driver's error when the database does not answer
 */
export async function inspectDatabase(databaseUrl: string, cwd: string): Promise<DatabaseReport> {
  const url = databaseUrlIn(databaseUrl, cwd)
  const target = parseDatabaseUrl(url)
  const where = redactDatabaseUrl(databaseUrl.trim())
  if (target.engine === 'sqlite' && target.path !== ':memory:' && !existsSync(target.path)) {
    throw new CliError(
      `there is no database at ${target.path} (DATABASE_URL ${where}, from ${cwd}): run this where the server runs, with its configuration, or start the server once to create it`,
    )
  }
  const opened = await openDatabase(target, { poolSize: 1 })
  const db = await opened.queryBuilder()
  try {
    const migrator = new Migrator({
      db,
      provider: migrationProvider(opened.dialect),
      ...(opened.dialect === 'postgres' ? { migrationTableSchema: await currentSchema(db) } : {}),
    })
    const migrations = await migrator.getMigrations()
    return {
      engine: opened.dialect,
      where,
      ...(target.engine === 'sqlite' ? { file: target.path } : {}),
      migrations: {
        total: migrations.length,
        pending: migrations.filter((migration) => !migration.executedAt).map((migration) => migration.name),
      },
    }
  } finally {
    await db.destroy()
  }
}

/** The schema the store's tables live in (its `search_path`), where Kysely keeps its own table too. */
async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema ?? 'public'
}

/** Why the ledger cannot be used as it is, or null when it can. */
export function notReady(report: DatabaseReport): string | null {
  const { pending, total } = report.migrations
  if (pending.length === 0) return null
  return pending.length === total
    ? `the database ${report.where} has no ledger yet (no migration applied): start the server once to create it, or check DATABASE_URL`
    : `the database ${report.where} lacks ${pending.length} of ${total} migrations (${pending.join(', ')}): start the server of this version once (it migrates), then run this again`
}

/**
 * The store of the ledger `databaseUrl` names, after checking it exists and is migrated.
 * @param inspected that check, when the caller has just made it (`doctor`): not made again
 * @throws {CliError} when it is missing or behind this version
 */
export async function openLedgerStore(
  databaseUrl: string,
  cwd: string,
  logger: Logger,
  inspected?: DatabaseReport,
): Promise<Store> {
  const problem = notReady(inspected ?? (await inspectDatabase(databaseUrl, cwd)))
  if (problem) throw new CliError(problem)
  // Two connections are plenty for one command; the server keeps its own pool.
  return createStore(databaseUrlIn(databaseUrl, cwd), { logger, poolSize: 2 })
}
