import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { writeCatalog } from './catalog.ts'
import { track } from './child-registry.ts'
import { freePort } from './free-port.ts'

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Merchant origins allowed to call `/api/checkout` and to be return URLs. */
  allowedOrigins: string[]
  /** @default a free port */
  port?: number
  /** Where the SQLite file, the sandbox state and the catalog live. @default a new temp dir */
  dataDir?: string
  /** Extra environment variables for the child (they win over the defaults). */
  env?: Record<string, string>
  /** @default 30_000 */
  startTimeoutMs?: number
}

/** How a stopped server exited. */
export interface ExitStatus {
  code: number | null
  signal: NodeJS.Signals | null
}

/** A running signing server in sandbox mode, as a child process. */
export interface ServerProcess {
  /** `http://127.0.0.1:PORT` — also the PSP (sandbox) origin. */
  readonly url: string
  readonly port: number
  readonly dataDir: string
  readonly databaseUrl: string
  /** The child's stdout and stderr so far (the tail), for failure messages. */
  output(): string
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
  stop(): Promise<ExitStatus>
  /** Starts a new child on the same port, database and sandbox state. */
  restart(): Promise<void>
}

const require = createRequire(import.meta.url)
// Located by package name: the server's entry is `src/index.ts`, `serve.ts` sits beside it.
const serverEntry = require.resolve('@portmanat-checkout/server')
const servePath = join(dirname(serverEntry), 'serve.ts')
// `node --import tsx` keeps the server in one process (the tsx CLI would add a parent), so a
// SIGTERM reaches the server itself and its exit code is the server's.
const tsxLoader = pathToFileURL(createRequire(serverEntry).resolve('tsx')).href

const OUTPUT_LIMIT = 64_000

// Variables that would switch the child out of sandbox mode or point it elsewhere.
const STRIPPED = [
  'PORTMANAT_MODE',
  'PORTMANAT_SERVICE_ID',
  'PORTMANAT_SECRET_KEY',
  'PORTMANAT_PSP_URL',
  'PUBLIC_URL',
  'DATABASE_URL',
  'CATALOG',
  'MERCHANT_API_KEY',
  'WEBHOOK_URL',
  'WEBHOOK_SECRET',
  'TRUST_PROXY',
]

const childEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!STRIPPED.includes(key) && !key.startsWith('VITEST')) env[key] = value
  }
  // NODE_ENV=production looks like production: the sandbox is asked for by name.
  return { ...env, NODE_ENV: 'production', PORTMANAT_MODE: 'sandbox', ...extra }
}

const waitForExit = async (child: ChildProcess, ms: number): Promise<boolean> => {
  if (child.exitCode !== null || child.signalCode !== null) return true
  const timer = AbortSignal.timeout(ms)
  try {
    await once(child, 'exit', { signal: timer })
    return true
  } catch {
    return false
  }
}

/**
 * Starts the real server (`packages/server/src/serve.ts`) in sandbox mode on 127.0.0.1 with its own
 * SQLite file, our test catalog and `RATE_LIMIT=off`, and resolves once `GET /healthz` answers 200.
 * The child is killed when the test process exits, even if a test forgot to stop it.
 */
export const startServer = async ({
  allowedOrigins,
  port,
  dataDir: givenDir,
  env = {},
  startTimeoutMs = 30_000,
}: ServerOptions): Promise<ServerProcess> => {
  const dataDir = givenDir ?? mkdtempSync(join(tmpdir(), 'portmanat-e2e-'))
  const listenPort = port ?? (await freePort())
  const url = `http://127.0.0.1:${listenPort}`
  const databaseUrl = `sqlite:${join(dataDir, 'payments.db')}`
  const catalog = writeCatalog(dataDir)
  let output = ''
  let child: ChildProcess | undefined

  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT)
  }

  const launch = async () => {
    const started = spawn(process.execPath, ['--import', tsxLoader, servePath], {
      // A temp working directory: no developer `.env` can switch the child to live mode.
      cwd: dataDir,
      env: childEnv({
        PORT: String(listenPort),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        CATALOG: catalog,
        ALLOWED_ORIGINS: allowedOrigins.join(','),
        RATE_LIMIT: 'off',
        LOG_LEVEL: 'info',
        ...env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    track(started)
    started.stdout?.on('data', append)
    started.stderr?.on('data', append)
    child = started
    const deadline = Date.now() + startTimeoutMs
    while (Date.now() < deadline) {
      if (started.exitCode !== null || started.signalCode !== null) {
        throw new Error(`server exited during start (code ${started.exitCode}):\n${output}`)
      }
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) })
        if (res.ok) return
      } catch {
        // not listening yet
      }
      await waitForExit(started, 100)
    }
    started.kill('SIGKILL')
    throw new Error(`server did not answer ${url}/healthz within ${startTimeoutMs} ms:\n${output}`)
  }

  const stop = async (): Promise<ExitStatus> => {
    const running = child
    if (!running) return { code: null, signal: null }
    if (running.exitCode === null && running.signalCode === null) {
      running.kill('SIGTERM')
      if (!(await waitForExit(running, 15_000))) {
        running.kill('SIGKILL')
        await waitForExit(running, 5_000)
      }
    }
    return { code: running.exitCode, signal: running.signalCode }
  }

  try {
    await launch()
  } catch (error) {
    // A directory we made for a server that never came up is of no use to anyone.
    if (!givenDir) rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  return {
    url,
    port: listenPort,
    dataDir,
    databaseUrl,
    output: () => output,
    stop,
    restart: async () => {
      await stop()
      await launch()
    },
  }
}
