/**
 * The real signing server as a child process on a free loopback port, in sandbox mode, with its
 * own data folder (SQLite file, sandbox state, catalog). Benchmarks and evidence suites talk to
 * it over HTTP only, so they keep working while its internals change.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeCatalog } from './catalog.ts'
import { isRunning, outputTail, startChild, stopChild, waitForExit } from './children.ts'
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
  readonly dataDir: string
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

/** Starts the server and resolves once `GET /healthz` answers 200. */
export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  const ownDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'portmanat-bench-server-'))
  const port = options.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const databaseUrl = options.databaseUrl ?? `sqlite:${join(dataDir, 'payments.db')}`
  const catalog = writeCatalog(dataDir)
  const { command, args } = serverCommand(options.nodeFlags)
  const startTimeoutMs = options.startTimeoutMs ?? 60_000
  const tail = outputTail(64_000)
  let child: ChildProcess | undefined
  let lastExit: { code: number | null; signal: NodeJS.Signals | null } | undefined

  async function start() {
    if (child && isRunning(child)) return
    await startChild({
      name: 'server',
      command,
      args,
      // A temp working directory: no developer `.env` reaches the child.
      cwd: dataDir,
      env: {
        PORTMANAT_MODE: 'sandbox',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        CATALOG: catalog,
        RATE_LIMIT: 'off',
        LOG_LEVEL: options.logLevel ?? 'silent',
        ...options.env,
      },
      readyUrl: `${url}/healthz`,
      timeoutMs: startTimeoutMs,
      tail,
      onSpawn: (started) => {
        started.once('exit', (code, signal) => {
          lastExit = { code, signal }
        })
        child = started
        lastExit = undefined
      },
    })
  }

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
    dataDir,
    pid: () => (child && isRunning(child) ? child.pid : undefined),
    exit: () => lastExit,
    output: () => tail.text(),
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
