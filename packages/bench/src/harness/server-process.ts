/**
 * The real signing server as a child process on a free loopback port, in sandbox mode, with its
 * own data folder (SQLite file, sandbox state, catalog). Benchmarks and evidence suites talk to
 * it over HTTP only, so they keep working while its internals change.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeCatalog } from './catalog.ts'
import { isRunning, stopChild, track, waitForExit } from './children.ts'
import { serverCommand } from './commands.ts'
import { freePort } from './free-port.ts'
import { type Memory, memoryOf } from './memory.ts'

export interface ServerOptions {
  /** @default `sqlite:` a file in `dataDir` */
  databaseUrl?: string
  /** Where the SQLite file, the sandbox state and the catalog live. @default a new temp folder */
  dataDir?: string
  /** @default a free port */
  port?: number
  /** Extra environment (wins over the defaults). */
  env?: Record<string, string>
  /** Flags for the server's Node process, e.g. `--cpu-prof`. */
  nodeFlags?: readonly string[]
  /** @default 'silent' */
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug'
  /** @default 60_000 */
  startTimeoutMs?: number
}

export interface ServerProcess {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  readonly port: number
  readonly dataDir: string
  readonly databaseUrl: string
  /** Which form of the server runs (see commands.ts). */
  readonly form: 'dist' | 'tsx'
  /** The running child's pid, or undefined between a stop and a start. */
  pid(): number | undefined
  /** How the last child exited, while none runs. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined
  /** The tail of the child's stdout and stderr, for failure messages. */
  output(): string
  /** Resident memory of the running child. */
  memory(): Memory | undefined
  /** Starts a child on the same port, database and data folder (after a stop or a kill). */
  start(): Promise<void>
  /** SIGTERM and waits for the exit (SIGKILL after 15 s). */
  stop(): Promise<void>
  /** SIGKILL and waits for the exit: a crash, as the kernel would deliver it. */
  kill(): Promise<void>
  /** Stops the child and removes the data folder if this harness made it. */
  dispose(): Promise<void>
}

const OUTPUT_LIMIT = 64_000

// Variables of the developer's shell that would move the child out of its sandbox or elsewhere.
const STRIPPED =
  /^(PORTMANAT_|PUBLIC_URL$|DATABASE_URL$|CATALOG$|ALLOWED_ORIGINS$|TRUST_PROXY$|RATE_LIMIT$|LOG_LEVEL$|MERCHANT_API_KEY$|WEBHOOK_|TELEGRAM_|SMTP_|MAIL_|DASHBOARD_|HOST$|PORT$|NODE_OPTIONS$|VITEST)/

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) if (!STRIPPED.test(key)) env[key] = value
  return { ...env, ...extra }
}

/** Starts the server and resolves once `GET /healthz` answers 200. */
export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  const ownDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'portmanat-bench-server-'))
  const port = options.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const databaseUrl = options.databaseUrl ?? `sqlite:${join(dataDir, 'payments.db')}`
  const catalog = writeCatalog(dataDir)
  const { command, args, form } = serverCommand(options.nodeFlags)
  const startTimeoutMs = options.startTimeoutMs ?? 60_000
  let output = ''
  let child: ChildProcess | undefined
  let lastExit: { code: number | null; signal: NodeJS.Signals | null } | undefined

  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT)
  }

  async function start() {
    if (child && isRunning(child)) return
    const started = spawn(command, args, {
      // A temp working directory: no developer `.env` reaches the child.
      cwd: dataDir,
      env: childEnv({
        PORTMANAT_MODE: 'sandbox',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        CATALOG: catalog,
        RATE_LIMIT: 'off',
        LOG_LEVEL: options.logLevel ?? 'silent',
        ...options.env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    track(started)
    started.stdout?.on('data', append)
    started.stderr?.on('data', append)
    started.once('exit', (code, signal) => {
      lastExit = { code, signal }
    })
    child = started
    lastExit = undefined
    const deadline = Date.now() + startTimeoutMs
    while (Date.now() < deadline) {
      if (!isRunning(started)) throw new Error(`server exited during start (${describeExit()}):\n${output}`)
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) })
        await res.arrayBuffer()
        if (res.ok) return
      } catch {
        // not listening yet
      }
      await waitForExit(started, 100)
    }
    started.kill('SIGKILL')
    throw new Error(`server did not answer ${url}/healthz within ${startTimeoutMs} ms:\n${output}`)
  }

  const describeExit = () =>
    `code ${lastExit?.code ?? child?.exitCode}, signal ${lastExit?.signal ?? child?.signalCode}`

  async function stop() {
    if (child) await stopChild(child)
  }

  async function kill() {
    if (!child || !isRunning(child)) return
    child.kill('SIGKILL')
    await waitForExit(child, 10_000)
  }

  try {
    await start()
  } catch (error) {
    if (ownDir) rmSync(dataDir, { recursive: true, force: true })
    throw error
  }

  return {
    url,
    port,
    dataDir,
    databaseUrl,
    form,
    pid: () => (child && isRunning(child) ? child.pid : undefined),
    exit: () => lastExit,
    output: () => output,
    memory: () => (child?.pid && isRunning(child) ? memoryOf(child.pid) : undefined),
    start,
    stop,
    kill,
    async dispose() {
      await stop()
      if (ownDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
