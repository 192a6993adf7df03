/**
 * @module serve
 * `portmanat-checkout serve` (and `pnpm start`): reads the configuration, opens the store, mounts
 * the sandbox when there are no credentials, listens, runs the follow-up job, and shuts down
 * gracefully on SIGTERM/SIGINT. Run as a file of its own (`tsx src/serve.ts`), it serves too.
 */
import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { createApp } from './app.ts'
import { type Config, ConfigError, loadConfig } from './config.ts'
import { resolveServices } from './deps.ts'
import { createLogger } from './logger.ts'
import { startOutbox } from './outbox/worker.ts'
import { startFollowUp } from './payments/follow-up.ts'
import { createPspClient } from './psp/client.ts'
import { createSandboxMode } from './sandbox-mode.ts'
import { listen } from './server.ts'
import { createStore, redactDatabaseUrl } from './store/index.ts'

/** Prints one line and exits 1: configuration mistakes need no stack trace. */
function fail(line: string): never {
  process.stderr.write(`${line}\n`)
  process.exit(1)
}

function sandboxBanner(config: Config, url: string): string {
  const lines = [
    config.modeSaid
      ? 'SANDBOX MODE (PORTMANAT_MODE=sandbox): any credentials set are not used.'
      : 'SANDBOX MODE: no PORTMANAT_SERVICE_ID / PORTMANAT_SECRET_KEY set.',
    'No real money moves. The PSP emulator is mounted at /sandbox with demo credentials.',
    `Demo shop:  ${config.publicUrl}/`,
    `Test card:  4242 4242 4242 4242, any future expiry, any CVV`,
    `Listening:  ${url}`,
    'Set both credentials (see packages/server/README.md) to take real payments.',
  ]
  const width = Math.max(...lines.map((line) => line.length))
  const bar = '═'.repeat(width + 2)
  return [`╔${bar}╗`, ...lines.map((line) => `║ ${line.padEnd(width)} ║`), `╚${bar}╝`].join('\n')
}

/** Runs the server until SIGTERM or SIGINT; a bad configuration prints one line and exits 1. */
export async function serve(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message)
    throw error
  }
  const logger = createLogger(config.logLevel)
  let store: Awaited<ReturnType<typeof createStore>>
  try {
    store = await createStore(config.databaseUrl, { logger })
    await store.migrate()
  } catch (error) {
    const why = error instanceof Error ? error.message : 'unknown error'
    fail(`Cannot open the database ${redactDatabaseUrl(config.databaseUrl)}: ${redactDatabaseUrl(why)}`)
  }

  const sandboxMode = config.mode === 'sandbox' ? createSandboxMode(config) : undefined
  const psp = sandboxMode?.psp ?? createPspClient({ baseUrl: config.pspUrl })
  const services = resolveServices(config, { store, psp, logger })
  const app = createApp(config, { ...services, ...(sandboxMode ? { sandbox: sandboxMode.sandbox } : {}) })
  let server: Awaited<ReturnType<typeof listen>>
  try {
    server = await listen({ fetch: app.fetch, port: config.port, host: config.host })
  } catch (error) {
    const why = error instanceof Error ? error.message : 'unknown error'
    fail(`Cannot listen on ${config.host}:${config.port}: ${why}`)
  }
  const followUp = startFollowUp(services)
  // Picks up at once what a previous run left due (a crash between a change and its delivery).
  const outbox = startOutbox({ store, routes: services.routes, clock: services.clock, logger })
  services.onOutboxWake(() => outbox.wake())

  if (config.mode === 'sandbox') process.stderr.write(`${sandboxBanner(config, server.url)}\n`)
  logger.info(
    {
      event: 'server.started',
      mode: config.mode,
      livemode: config.mode === 'live',
      url: server.url,
      public_url: config.publicUrl,
      channels: services.routes.map((route) => route.channel),
    },
    'listening',
  )

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ event: 'server.stopping', signal }, 'shutting down')
    await server.close(10_000)
    await followUp.stop()
    // Deliveries in flight finish (each is bounded by its timeout) and are recorded.
    await outbox.stop()
    await store.close()
    logger.info({ event: 'server.stopped' }, 'stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

/** Starts the server, turning an unexpected failure into one line and exit 1. */
function startServing(): void {
  serve().catch((error: unknown) => {
    fail(`Cannot start: ${error instanceof Error ? error.message : 'unknown error'}`)
  })
}

/** Whether this module is the process's entry file (`node dist/serve.js`, `tsx src/serve.ts`). */
function isEntry(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return pathToFileURL(realpathSync(entry)).href === import.meta.url
  } catch {
    return false
  }
}

if (isEntry()) startServing()
