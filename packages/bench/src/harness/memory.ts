import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** Resident memory and CPU time of a process, from `/proc/<pid>`. */

/** Resident memory, in kilobytes. */
export interface Memory {
  /** `VmRSS`: resident now. */
  rssKb: number
  /** `VmHWM`: the peak resident set since the process started. */
  peakKb: number
}

const field = (status: string, name: string): number => {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status)
  return match?.[1] ? Number(match[1]) : Number.NaN
}

/** Undefined when the process is gone or `/proc` is not there (not Linux). */
export function memoryOf(pid: number): Memory | undefined {
  let status: string
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return undefined
  }
  return { rssKb: field(status, 'VmRSS'), peakKb: field(status, 'VmHWM') }
}

let ticksPerSecond: number | undefined

/** Kernel clock ticks per second (`getconf CLK_TCK`, 100 on Linux almost everywhere). */
function ticks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** CPU time a process has used so far (user + system, all its threads), in milliseconds. */
export function cpuMsOf(pid: number): number | undefined {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  // The command name may hold spaces and parentheses: fields are counted after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return Number.isFinite(utime + stime) ? ((utime + stime) * 1000) / ticks() : undefined
}
