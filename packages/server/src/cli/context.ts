/**
 * What a command opens, the same way the server does: the configuration from the environment and
 * `.env` (`loadConfig`), the ledger, the PSP (in sandbox mode the emulator in this process, reading
 * the server's sandbox state file), and the services the payment code takes. Everything opened is
 * closed when the command ends.
 */
import { randomBytes } from 'node:crypto'
import { type Config, loadConfig } from '../config.ts'
import { resolveServices, type Services } from '../deps.ts'
import { createLogger, type Logger } from '../logger.ts'
import { createPspClient, type PspClient } from '../psp/client.ts'
import { createSandboxMode } from '../sandbox-mode.ts'
import type { Store } from '../store/types.ts'
import { type DatabaseReport, openLedgerStore } from './database.ts'
import type { CliIo } from './io.ts'

export interface CliContext {
  io: CliIo
  clock: () => Date
  random: (n: number) => Uint8Array
  /** The configuration, read once. @throws {ConfigError} naming the first bad variable */
  config(): Config
  /** JSON log lines on stderr: warnings and errors (all of them with `LOG_LEVEL=debug`, none with `silent`). */
  logger(): Logger
  /**
   * The ledger, opened once (checked to exist and be migrated; `inspected` is that check when the
   * caller has already made it).
   */
  store(inspected?: DatabaseReport): Promise<Store>
  /** The PSP as the server asks it. */
  psp(): PspClient
  /** What the payment code takes (`recheckOrder`, the outbox), over this context's store and PSP. */
  services(): Promise<Services>
  /** Closes what was opened here. */
  close(): Promise<void>
}

/** The CLI's log level: the server's `info` lines (a transition, a recheck) are said in the output instead. */
const cliLevel = (level: Config['logLevel']) => (level === 'info' ? 'warn' : level)

export function createContext(io: CliIo): CliContext {
  const clock = io.clock ?? (() => new Date())
  const random = io.random ?? ((n: number) => new Uint8Array(randomBytes(n)))
  let config: Config | undefined
  let logger: Logger | undefined
  let store: Promise<Store> | undefined
  let psp: PspClient | undefined

  const context: CliContext = {
    io,
    clock,
    random,
    config() {
      config ??= loadConfig(io.env, { cwd: io.cwd })
      return config
    },
    logger() {
      logger ??= createLogger(cliLevel(context.config().logLevel), io.stderr)
      return logger
    },
    store(inspected) {
      store ??= io.openStore
        ? io.openStore(context.config())
        : openLedgerStore(context.config().databaseUrl, io.cwd, context.logger(), inspected)
      return store
    },
    psp() {
      if (psp) return psp
      const current = context.config()
      if (io.psp) psp = io.psp(current)
      else if (current.mode === 'sandbox') psp = createSandboxMode(current).psp
      else psp = createPspClient({ baseUrl: current.pspUrl, ...(io.fetch ? { fetch: io.fetch } : {}) })
      return psp
    },
    async services() {
      return resolveServices(context.config(), {
        store: await context.store(),
        psp: context.psp(),
        logger: context.logger(),
        clock,
        random,
      })
    },
    async close() {
      const opened = store
      store = undefined
      // A store handed in (tests) belongs to whoever handed it; one that failed to open has nothing to close.
      if (io.openStore || !opened) return
      const ready = await opened.catch(() => undefined)
      await ready?.close()
    },
  }
  return context
}
