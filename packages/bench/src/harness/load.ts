/**
 * One bounded load on one URL with autocannon, summarised as the bench prints it: requests per
 * second that got the expected status, latency percentiles measured per response with
 * sub-millisecond precision (autocannon's own histogram rounds to whole milliseconds), and the
 * CPU time the serving process spent, which other load on a shared machine moves much less.
 */
import autocannon from 'autocannon'
import { cpuMsOf } from './memory.ts'

export interface LoadSpec {
  /** `http://host:port`. */
  origin: string
  /** @default 'GET' */
  method?: 'GET' | 'POST'
  /** Fixed path, or `nextPath` for a fresh one per request (e.g. a new order's callback). */
  path?: string
  nextPath?: () => string
  headers?: Record<string, string>
  body?: string
  /** The status every response should have; any other counts as bad. */
  expect: number
  /** @default 10 */
  connections?: number
  /** The serving process, whose CPU time per answered request is measured. */
  pid?: () => number | undefined
}

export interface LoadResult {
  /** Responses with the expected status. */
  ok: number
  /** Responses with another status, and socket errors and timeouts. */
  bad: number
  statuses: Record<string, number>
  seconds: number
  /** `ok` per second. */
  rps: number
  /** Milliseconds. */
  p50: number
  p99: number
  /** CPU time the serving process spent during the run (user + system), when its pid is known. */
  cpuMs?: number
}

/**
 * Runs for `seconds`, or until `amount` requests are answered when given (fresh-path loads), but
 * never longer than `seconds`: a run cut there counts its unanswered requests as bad.
 */
export async function load(spec: LoadSpec, { seconds, amount }: { seconds: number; amount?: number }) {
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let ok = 0
  let answered = 0
  let lastAnswer = 0
  const pid = spec.pid?.()
  const cpuBefore = pid === undefined ? undefined : cpuMsOf(pid)
  const started = performance.now()
  const options: autocannon.Options = {
    url: spec.origin,
    connections: spec.connections ?? 10,
    duration: seconds,
    ...(amount === undefined ? {} : { amount }),
    timeout: 30,
    method: spec.method ?? 'GET',
    headers: spec.headers ?? {},
    ...(spec.body === undefined ? {} : { body: spec.body }),
    requests: [
      {
        ...(spec.path === undefined ? {} : { path: spec.path }),
        ...(spec.nextPath
          ? {
              setupRequest: (request: autocannon.Request) => {
                request.path = spec.nextPath?.() ?? request.path
                return request
              },
            }
          : {}),
      },
    ],
  }
  let bound: NodeJS.Timeout | undefined
  let cut = false
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)))
    // autocannon ignores the duration when given an amount: a stalled server would hold the run
    // for ever, so the time bounds it as well.
    if (amount !== undefined) {
      bound = setTimeout(() => {
        if (answered >= amount) return // done, autocannon reports at its next tick
        cut = true
        instance.stop()
      }, seconds * 1000)
    }
    instance.on('response', (_client, status, _bytes, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1
      answered += 1
      lastAnswer = performance.now()
      if (status === spec.expect) {
        ok += 1
        latencies.push(ms)
      }
    })
  }).finally(() => clearTimeout(bound))
  // autocannon reports at its next one-second tick, not when the last answer came: a run bounded
  // by a number of requests would otherwise count up to a second of idle time.
  const elapsed = cut ? seconds : ((lastAnswer || performance.now()) - started) / 1000
  const cpuAfter = pid === undefined ? undefined : cpuMsOf(pid)
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN
  const unanswered = cut && amount !== undefined ? amount - answered : 0
  return {
    ok,
    bad: answered - ok + result.errors + result.timeouts + unanswered,
    statuses,
    seconds: elapsed,
    rps: ok / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpuMs: cpuAfter - cpuBefore } : {}),
  } satisfies LoadResult
}
