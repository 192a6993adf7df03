/** Prepared statements of one SQLite database, by SQL text, each made once. */
import type Database from 'better-sqlite3'

/**
 * A function giving the prepared statement of `sql` on `db`, preparing it on first use: the raw
 * baselines and the seeds run the same few statements many times.
 *
 * @example const prepare = statements(db); prepare(sql).run(...params)
 */
export function statements(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>()
  return (sql) => {
    let statement = cache.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      cache.set(sql, statement)
    }
    return statement
  }
}
