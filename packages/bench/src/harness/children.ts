import type { ChildProcess } from 'node:child_process'
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
