/**
 * Kysely on a connection the store already holds: loaded only when the migrations or the
 * operator's read queries need it (see open-database.ts).
 */
import type SqliteDatabase from 'better-sqlite3'
import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  Kysely,
  PostgresDialect,
  type SchemaMetadata,
  SqliteDialect,
  sql,
  type TableMetadata,
} from 'kysely'
import type { Pool } from 'pg'
import type { Database } from './tables.ts'

export const sqliteQueryBuilder = (database: SqliteDatabase.Database): Kysely<Database> =>
  new Kysely({ dialect: new SqliteDialect({ database }) })

export const postgresQueryBuilder = (pool: Pool): Kysely<Database> =>
  new Kysely({ dialect: new OwnSchemaPostgresDialect({ pool }) })

/**
 * Kysely's PostgreSQL introspection (which its migrator uses to see whether its own tables exist)
 * reads the columns of every table in every schema of the database: slow on a database shared
 * with other applications, and it fails outright when another schema's table is dropped while it
 * reads. Ours looks at the connection's own schema only, which is all the migrator needs.
 */
class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db)
  }
}

class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.db)
    return rows
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; is_view: boolean }>`
      select table_name as name, table_schema as schema, table_type = 'VIEW' as is_view
      from information_schema.tables where table_schema = current_schema()`.execute(this.db)
    return rows.map((row) => ({ name: row.name, schema: row.schema, isView: row.is_view, columns: [] }))
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() }
  }
}
