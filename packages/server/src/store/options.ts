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
   * How long a SQLite writer waits for another connection's write lock, in milliseconds.
   * @default 5000
   */
  busyTimeoutMs?: number
}
