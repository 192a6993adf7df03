/**
 * Alternating loads: ours, then each baseline, round after round, so that noise from the shared
 * machine falls on both sides of a ratio alike. Each side warms up first.
 */
import type { LoadResult } from '../harness/load.ts'

/** One thing to load: a route of ours or a baseline. */
export interface Side {
  name: string
  /** One bounded run; `warmup` runs are not counted. */
  run(seconds: number, warmup: boolean): Promise<LoadResult>
}

export interface Timing {
  rounds: number
  seconds: number
  warmupSeconds: number
}

export interface Alternated {
  ours: LoadResult[]
  baselines: LoadResult[][]
}

export async function alternate(
  ours: Side,
  baselines: Side[],
  { rounds, seconds, warmupSeconds }: Timing,
  { afterWarmup }: { afterWarmup?: () => void | Promise<void> } = {},
): Promise<Alternated> {
  await ours.run(warmupSeconds, true)
  for (const side of baselines) await side.run(warmupSeconds, true)
  await afterWarmup?.()
  const result: Alternated = { ours: [], baselines: baselines.map(() => []) }
  for (let round = 0; round < rounds; round++) {
    result.ours.push(await ours.run(seconds, false))
    for (const [i, side] of baselines.entries()) result.baselines[i]?.push(await side.run(seconds, false))
  }
  return result
}

/** Several rounds as one figure: requests per second over all of them; median percentiles. */
export interface Summary {
  rps: number
  p50: number
  p99: number
  ok: number
  bad: number
  statuses: Record<string, number>
  /** CPU time of the serving process per expected answer, in microseconds (when measured). */
  cpuUs?: number
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2
}

export function summarise(results: LoadResult[]): Summary {
  const statuses: Record<string, number> = {}
  for (const result of results) {
    for (const [status, n] of Object.entries(result.statuses)) statuses[status] = (statuses[status] ?? 0) + n
  }
  const ok = results.reduce((sum, r) => sum + r.ok, 0)
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0)
  const cpu = results.every((r) => r.cpuMs !== undefined)
    ? results.reduce((sum, r) => sum + (r.cpuMs ?? 0), 0)
    : undefined
  return {
    ...(cpu !== undefined && ok > 0 ? { cpuUs: (cpu * 1000) / ok } : {}),
    rps: ok / seconds,
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    ok,
    bad: results.reduce((sum, r) => sum + r.bad, 0),
    statuses,
  }
}

/** Ours over the baseline, per round (min and max) and over all rounds. */
export function ratios(ours: LoadResult[], baseline: LoadResult[]) {
  const perRound = ours.map((o, i) => o.rps / (baseline[i]?.rps ?? NaN))
  return {
    ratio: summarise(ours).rps / summarise(baseline).rps,
    min: Math.min(...perRound),
    max: Math.max(...perRound),
  }
}
