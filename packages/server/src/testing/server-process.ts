/**
 * The real server as a child process (`serve.ts` under tsx), for tests about processes: crashes,
 * restarts, exit codes. Each test gets a working folder of its own; a process still running when
 * the test ends is killed.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { onTestFinished } from 'vitest'

const SERVE = fileURLToPath(new URL('../serve.ts', import.meta.url))
const require = createRequire(import.meta.url)
const TSX = pathToFileURL(require.resolve('tsx')).href
/** The sandbox's own entry (`portmanat-sandbox`), next to its index. */
const SANDBOX_MAIN = join(dirname(require.resolve('@portmanat-checkout/sandbox')), 'main.ts')

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const address = probe.address()
  probe.close()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

export interface ServerProcess {
  child: ChildProcess
  output(): { stdout: string; stderr: string }
  /** Resolves with the exit code once the process has ended. */
  exit(): Promise<number | null>
  /** Waits until `path` (`/healthz`) answers 200 (or the process ends). */
  healthy(url: string, timeoutMs?: number, path?: string): Promise<boolean>
}

/** A fresh working folder (where `.env`, `./data/` and the SQLite file live). */
export const workFolder = () => mkdtempSync(join(tmpdir(), 'serve-'))

/**
 * Starts `serve.ts` with `env` over a cleaned environment (no inherited PORTMANAT_*, database or
 * webhook variables) in `cwd`.
 */
export function startServer(env: Record<string, string>, cwd = workFolder()): ServerProcess {
  return startChild(SERVE, env, cwd)
}

/** The PSP emulator on its own port (`PORT`, `SANDBOX_SERVICES`, …), shared by several servers. */
export function startSandbox(env: Record<string, string>, cwd = workFolder()): ServerProcess {
  return startChild(SANDBOX_MAIN, env, cwd)
}

function startChild(entry: string, env: Record<string, string>, cwd: string): ServerProcess {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !/^(PORTMANAT_|PUBLIC_URL|DATABASE_URL|CATALOG|WEBHOOK_|MERCHANT_|TELEGRAM_|SMTP_|MAIL_|DASHBOARD_|NODE_ENV|HOST|PORT|VITEST)/.test(
          key,
        ),
    ),
  )
  const child = spawn(process.execPath, ['--import', TSX, entry], {
    cwd,
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  const exit = async () => {
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit')
    return child.exitCode
  }
  return {
    child,
    output: () => ({ stdout, stderr }),
    exit,
    async healthy(url, timeoutMs = 20_000, path = '/healthz') {
      const until = Date.now() + timeoutMs
      while (Date.now() < until && child.exitCode === null) {
        const ok = await fetch(`${url}${path}`).then(
          (res) => res.ok,
          () => false,
        )
        if (ok) return true
        await new Promise((done) => setTimeout(done, 100))
      }
      return false
    },
  }
}
