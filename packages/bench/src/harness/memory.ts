import { readFileSync } from 'node:fs'

/** Resident memory of a process, from `/proc/<pid>/status`, in kilobytes. */
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

export const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`
