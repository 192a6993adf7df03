/**
 * A fresh PostgreSQL schema per run, reached through `search_path` in the URL, dropped afterwards:
 * the same isolation the server's own tests use.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface FreshSchema {
  schema: string
  /** The admin URL with `options=-c search_path=<schema>`. */
  url: string
  /** Runs one statement as the admin URL's role (outside the schema). */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>
  drop(): Promise<void>
}

async function once<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end()
  }
}

export async function freshSchema(adminUrl: string, prefix: string): Promise<FreshSchema> {
  const schema = `${prefix}_${randomBytes(5).toString('hex')}`
  await once(adminUrl, `create schema ${schema}`)
  const url = new URL(adminUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return {
    schema,
    url: url.toString(),
    query: (sql, params) => once(url.toString(), sql, params),
    drop: async () => {
      await once(adminUrl, `drop schema if exists ${schema} cascade`)
    },
  }
}

/** Whether PostgreSQL is configured for the suites (`TEST_DATABASE_URL`). */
export const postgresUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined
