/** What every bench case gets, and what it gives back: rows of the printed table. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type LoadSpec, load } from '../harness/load.ts'
import { type ServerOptions, type ServerProcess, startServer } from '../harness/server-process.ts'
import type { Side, Summary, Timing } from './compare.ts'
import type { Template } from './databases.ts'

export interface BenchContext {
  timing: Timing
  connections: number
  template: Template
  /** A temp folder of this run, removed at the end. */
  workDir: string
  /** Set with `--profile`: the server's CPU profiles go here, one folder per case. */
  profileDir?: string
  /** `TEST_DATABASE_URL`, when PostgreSQL is to be measured. */
  postgresUrl?: string
  quick: boolean
  log(line: string): void
}

export interface Row {
  path: string
  baseline: string
  ours: Summary
  base: Summary
  ratio: { ratio: number; min: number; max: number }
  /** The bar for this ratio: a target (must) or a goal. */
  target?: { min: number; kind: 'target' | 'goal' }
  /** Peak resident memory of our server during the measured rounds. */
  rssKb?: number
  note?: string
}

export interface BenchCase {
  name: string
  /** What it measures, one line. */
  title: string
  run(ctx: BenchContext): Promise<Row[]>
}

/** Our server for a case, profiled when asked (`--profile`): the profile is written when it stops. */
export function startOurs(ctx: BenchContext, caseName: string, options: ServerOptions = {}) {
  const flags = ctx.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(ctx.profileDir, caseName)}`] : []
  return startServer({ ...options, nodeFlags: [...flags, ...(options.nodeFlags ?? [])] })
}

/** Forgets the peak so far (`VmHWM`), so the next reading is the peak under the measured load. */
export function resetPeak(server: ServerProcess): void {
  const pid = server.pid()
  if (!pid) return
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
  } catch {
    // not Linux, or not allowed: the peak then includes start and warm-up
  }
}

/** The server's peak memory, or throws when it died under load. */
export function peakOf(server: ServerProcess): number | undefined {
  if (!server.pid())
    throw new Error(`our server exited under load (${JSON.stringify(server.exit())}):\n${server.output()}`)
  return server.memory()?.peakKb
}

/** A side that loads one fixed request for the given time. */
export const fixedSide = (name: string, spec: LoadSpec): Side => ({
  name,
  run: (seconds) => load(spec, { seconds }),
})
