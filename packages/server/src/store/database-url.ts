/**
 * Reads `DATABASE_URL`: `sqlite:PATH` (relative to the working directory), `sqlite::memory:`, or
 * `postgres://…` / `postgresql://…`. Every message that quotes the URL redacts its password.
 */

export type DatabaseTarget =
  | { engine: 'sqlite'; path: string }
  | { engine: 'postgres'; connectionString: string }

/** `DATABASE_URL` is not one the store can open. The message never contains a password. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError'
}

const SQLITE_PREFIX = 'sqlite:'
const POSTGRES_PROTOCOLS = new Set(['postgres:', 'postgresql:'])
const EXPECTED = 'expected sqlite:PATH, sqlite::memory: or postgres://USER:PASSWORD@HOST:PORT/DATABASE'

/**
 * Parses a database URL.
 * @throws {DatabaseUrlError} with a message that names `DATABASE_URL` and shows the URL redacted.
 * @example parseDatabaseUrl('sqlite:./data/payments.db') // { engine: 'sqlite', path: './data/payments.db' }
 */
export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  const url = databaseUrl.trim()
  if (url === '') throw new DatabaseUrlError(`DATABASE_URL is empty: ${EXPECTED}`)
  if (url.startsWith(SQLITE_PREFIX)) {
    // `sqlite://data/x.db` and `sqlite:///abs/x.db` are common spellings of the same thing.
    const rest = url.slice(SQLITE_PREFIX.length)
    const path = rest.startsWith('//') ? rest.slice(2) : rest
    if (path === '') throw new DatabaseUrlError(`DATABASE_URL "${url}" names no file: ${EXPECTED}`)
    return { engine: 'sqlite', path }
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new DatabaseUrlError(`DATABASE_URL "${redactDatabaseUrl(url)}" is not a URL: ${EXPECTED}`)
  }
  if (!POSTGRES_PROTOCOLS.has(parsed.protocol)) {
    throw new DatabaseUrlError(
      `DATABASE_URL "${redactDatabaseUrl(url)}" has an unsupported scheme "${parsed.protocol}": ${EXPECTED}`,
    )
  }
  return { engine: 'postgres', connectionString: url }
}

/**
 * `scheme://user:` and the password after it: to the first `@` (spaces allowed, not a line break),
 * then on to the last `@` before the next space. A password written unescaped may hold `/`, `#`,
 * `@` or a space, and hiding a bit too much beats leaking it.
 */
const USERINFO_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^/?#:@\s]*):[^@\n]*@(?:[^@\s]*@)*/gi
/** `?password=` or `&password=` (libpq's spelling) and its value, to the next `&`, `#` or line end. */
const QUERY_PASSWORD = /([?&]password=)[^&#\n]*/gi

/**
 * `text` with the password of every URL in it (`scheme://user:password@`, and any `password=`
 * query parameter) replaced by `***`: a database URL for messages and logs, or a message that
 * quotes one. Works on strings that are not valid URLs too.
 * @example redactDatabaseUrl('cannot reach postgres://u:p@ss@db/pay') // 'cannot reach postgres://u:***@db/pay'
 */
export function redactDatabaseUrl(text: string): string {
  return text.replace(USERINFO_PASSWORD, '$1:***@').replace(QUERY_PASSWORD, '$1***')
}
