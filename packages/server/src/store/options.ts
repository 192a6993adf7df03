/** Options of `createStore` and the types they use. */

/** Which engine a store runs on. */
export type StoreDialect = 'sqlite' | 'postgres'

type LogFn = (fields: Record<string, unknown>, message: string) => void

/** The part of a pino logger the store uses (a pino logger fits as is). */
export interface StoreLogger {
  info: LogFn
  warn: LogFn
  error: LogFn
}

export interface StoreOptions {
  /** Where the store reports migrations and lost database connections. */
  logger?: StoreLogger
  /**
   * Most PostgreSQL connections one store holds.
   * @default 10
   */
  poolSize?: number
  /**
   * SQLite's own `busy_timeout`: how long one try waits, blocking the process, for another
   * process's write lock. Kept short; see `busyWaitMs`.
   * @default 10
   */
  busyTimeoutMs?: number
  /**
   * How long in all a SQLite call waits for another process's write lock, trying again without
   * blocking the event loop, before it fails with `StoreBusyError` (the routes answer 503).
   * @default 5000
   */
  busyWaitMs?: number
  /**
   * SQLite page cache, in KiB.
   * @default 8192
   */
  cacheSizeKib?: number
}
