import type { ChildProcess } from 'node:child_process'

// Children still running when the test process goes away (a crash, a failed hook, Ctrl-C) must
// not outlive it: a stray server would hold its port and database open on the next run.
const live = new Set<ChildProcess>()
let hooked = false

const killAll = () => {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  live.clear()
}

const hook = () => {
  if (hooked) return
  hooked = true
  process.once('exit', killAll)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll()
      process.kill(process.pid, signal)
    })
  }
}

/** Remembers `child` so it is killed when this process exits, whatever the reason. */
export const track = (child: ChildProcess): void => {
  hook()
  live.add(child)
  child.once('exit', () => live.delete(child))
}
