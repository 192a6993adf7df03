/**
 * Children of the bench and the evidence suites: started with a clean environment and a ready
 * check, killed with this process, stopped with a grace period.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'

// Children still running when this process goes away (a crash, a failed hook, Ctrl-C) must not
// outlive it: a stray server would hold its port, its database and a share of the two cores.
const live = new Set<ChildProcess>()
let hooked = false

const killAll = () => {
  for (const child of live) if (isRunning(child)) child.kill('SIGKILL')
  live.clear()
}

/** Remembers `child` so it is killed when this process exits, whatever the reason. */
export const track = (child: ChildProcess): void => {
  if (!hooked) {
    hooked = true
    process.once('exit', killAll)
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        killAll()
        process.kill(process.pid, signal)
      })
    }
  }
  live.add(child)
  child.once('exit', () => live.delete(child))
}

export const isRunning = (child: ChildProcess): boolean =>
  child.exitCode === null && child.signalCode === null

/** Waits up to `ms` for `child` to exit; true when it has. */
export const waitForExit = async (child: ChildProcess, ms: number): Promise<boolean> => {
  if (!isRunning(child)) return true
  try {
    await once(child, 'exit', { signal: AbortSignal.timeout(ms) })
    return true
  } catch {
    return !isRunning(child)
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
export const stopChild = async (child: ChildProcess, graceMs = 15_000): Promise<void> => {
  if (!isRunning(child)) return
  child.kill('SIGTERM')
  if (await waitForExit(child, graceMs)) return
  child.kill('SIGKILL')
  await waitForExit(child, 5_000)
}

// Variables of the developer's shell that would move a child out of its sandbox or elsewhere:
// what the server reads, and what the sandbox reads (its services, state file, callback target).
const STRIPPED =
  /^(PORTMANAT_|PUBLIC_URL$|DATABASE_URL$|CATALOG$|ALLOWED_ORIGINS$|TRUST_PROXY$|RATE_LIMIT$|LOG_LEVEL$|MERCHANT_API_KEY$|WEBHOOK_|TELEGRAM_|SMTP_|MAIL_|DASHBOARD_|SANDBOX_|CALLBACK_URL$|HOST$|PORT$|NODE_OPTIONS$|VITEST)/

/** This process's environment without our variables, with `extra` set over it. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) if (!STRIPPED.test(key)) env[key] = value
  return { ...env, ...extra }
}

/** The last `limit` characters children wrote to stdout and stderr (one tail may outlive restarts). */
export interface OutputTail {
  append(chunk: Buffer): void
  text(): string
}

export const outputTail = (limit = 16_000): OutputTail => {
  let text = ''
  return {
    append: (chunk) => {
      text = (text + chunk.toString('utf8')).slice(-limit)
    },
    text: () => text,
  }
}

export interface StartChildOptions {
  /** Names the child in errors, e.g. `sandbox`. */
  name: string
  command: string
  args: readonly string[]
  /** Set over {@link childEnv}: nothing of ours from the developer's shell reaches the child. */
  env: Record<string, string>
  cwd?: string
  /** Polled until it answers 2xx. */
  readyUrl: string
  /** @default 30_000 */
  timeoutMs?: number
  /** Where its output is kept. @default a new 16 000-character tail */
  tail?: OutputTail
  /** Called once the child is spawned, before the ready check. */
  onSpawn?: (child: ChildProcess) => void
}

/**
 * Spawns a tracked child and resolves once `readyUrl` answers 2xx; throws with its last output
 * when it exits first or is not ready within `timeoutMs` (then it is SIGKILLed).
 */
export async function startChild({
  name,
  command,
  args,
  env,
  cwd,
  readyUrl,
  timeoutMs = 30_000,
  tail = outputTail(),
  onSpawn,
}: StartChildOptions): Promise<ChildProcess> {
  const child = spawn(command, args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  track(child)
  child.stdout?.on('data', tail.append)
  child.stderr?.on('data', tail.append)
  onSpawn?.(child)
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isRunning(child)) {
      throw new Error(
        `${name} exited during start (code ${child.exitCode}, signal ${child.signalCode}):\n${tail.text()}`,
      )
    }
    try {
      const res = await fetch(readyUrl, { signal: AbortSignal.timeout(1_000) })
      await res.arrayBuffer()
      if (res.ok) return child
    } catch {
      // not listening yet
    }
    await waitForExit(child, 100)
  }
  child.kill('SIGKILL')
  throw new Error(`${name} did not answer ${readyUrl} within ${timeoutMs} ms:\n${tail.text()}`)
}
