/**
 * Reading a command's arguments: node:util's `parseArgs` (strict: an unknown option is a usage
 * error, not ignored), and the values the commands share — statuses, periods, limits.
 */
import { parseArgs } from 'node:util'
import { ORDER_STATUSES, type OrderStatus } from '@portmanat-checkout/shared'
import { addDays, parseIsoDay, startOfBakuDay } from '../dashboard/baku-time.ts'
import type { OrderFilter } from '../store/reports.ts'
import { CHANNELS, type Channel } from '../store/types.ts'
import { UsageError } from './io.ts'

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>

/** The values `parseArgs` gives for `spec`: strings and booleans, absent when not given. */
export type Values<S extends OptionSpec> = {
  [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : string
}

/**
 * Parses `argv` against `options`, with between `min` and `max` positional arguments.
 * @throws {UsageError} with a short message naming the option or argument
 */
export function parseCommand<S extends OptionSpec>(
  argv: readonly string[],
  options: S,
  { min = 0, max = 0 }: { min?: number; max?: number } = {},
): { values: Values<S>; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true })
  } catch (error) {
    // Node's messages are right but long: keep the first sentence.
    const message = error instanceof Error ? error.message : 'invalid arguments'
    const first = message.split(/\.\s|\n/)[0] ?? message
    throw new UsageError(first.charAt(0).toLowerCase() + first.slice(1).replace(/\.$/, ''))
  }
  const { positionals } = parsed
  if (positionals.length < min) throw new UsageError('an argument is missing')
  if (positionals.length > max) throw new UsageError(`unexpected argument: ${positionals[max]}`)
  return { values: parsed.values as Values<S>, positionals }
}

const STATUS_LIST = ORDER_STATUSES.join(', ')

/** `paid,pending` → the statuses; each must be one of the order states. */
export function statuses(raw: string): OrderStatus[] {
  const list = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  const wrong = list.find((status) => !(ORDER_STATUSES as readonly string[]).includes(status))
  if (wrong !== undefined || list.length === 0) {
    throw new UsageError(`--status takes ${STATUS_LIST} (several separated by commas), not "${wrong ?? raw}"`)
  }
  return [...new Set(list)] as OrderStatus[]
}

export function channel(raw: string): Channel {
  if (!(CHANNELS as readonly string[]).includes(raw)) {
    throw new UsageError(`--channel takes ${CHANNELS.join(', ')}, not "${raw}"`)
  }
  return raw as Channel
}

/** A whole number from 1 to `max`. */
export function limit(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new UsageError(`--limit takes a whole number from 1 to ${max}, not "${raw}"`)
  }
  return Number(raw)
}

/** Midnight at the start of a Baku day, as an instant: the dashboard's own day arithmetic. */
export const startOfShopDay = (year: number, month: number, day: number): Date =>
  startOfBakuDay({ year, month, day })

const AGE_UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * A point in time for `--since`/`--until`: an age (`30m`, `24h`, `7d`, `2w` ago), a day
 * (`2026-11-28`, in Baku; `--until` a day includes it) or an instant with its zone
 * (`2026-11-28T09:30:00Z`, `…+04:00`).
 */
export function pointInTime(option: '--since' | '--until', raw: string, now: Date): Date {
  const age = /^(\d{1,6})([mhdw])$/.exec(raw)
  if (age) return new Date(now.getTime() - Number(age[1]) * (AGE_UNITS[age[2] ?? 'd'] ?? 0))
  const day = parseIsoDay(raw)
  // The end of a period given as a day is the start of the next one: the day itself is in.
  if (day) return startOfBakuDay(option === '--until' ? addDays(day, 1) : day)
  if (INSTANT.test(raw) && !Number.isNaN(Date.parse(raw))) return new Date(raw)
  throw new UsageError(
    `${option} takes a day (2026-11-28, in Baku), a time with its zone (2026-11-28T09:30:00Z) or an age such as 24h or 7d, not "${raw}"`,
  )
}

/** The order filter of `--status`, `--since`, `--until` and `--search`. */
export function orderFilter(
  values: { status?: string; since?: string; until?: string; search?: string },
  now: Date,
): OrderFilter {
  const since = values.since === undefined ? undefined : pointInTime('--since', values.since, now)
  const until = values.until === undefined ? undefined : pointInTime('--until', values.until, now)
  if (since && until && since >= until) throw new UsageError('--since must be before --until')
  const search = values.search?.trim()
  return {
    ...(values.status !== undefined ? { status: statuses(values.status) } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(search ? { search } : {}),
  }
}

/** The options of {@link orderFilter}, for commands that filter orders. */
export const FILTER_OPTIONS = {
  status: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  search: { type: 'string' },
} as const satisfies OptionSpec

export const FILTER_HELP = `  --status S[,S…]   only orders in these states: ${STATUS_LIST}
  --since WHEN      created at or after WHEN: an age (30m, 24h, 7d, 2w ago), a day
                    (2026-11-28, from midnight in Baku) or a time (2026-11-28T09:30:00Z)
  --until WHEN      created before WHEN (a day is included whole)
  --search TEXT     an order's client_rrn, a psp_rrn a callback brought for it, or your
                    own reference (exact)`
