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
 * The URL with its password (and any `password=` query parameter) replaced by `***`, for messages
 * and logs. Works on strings that are not valid URLs too.
 */
export function redactDatabaseUrl(databaseUrl: string): string {
  return (
    databaseUrl
      // scheme://user:password@ → scheme://user:***@. Up to the *last* `@`: a password written
      // unescaped may hold `/`, `#` or `@`, and hiding a bit too much beats leaking it.
      .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#:@]*):.*@/is, '$1:***@')
      .replace(/([?&]password=)[^&#]*/gi, '$1***')
  )
}
