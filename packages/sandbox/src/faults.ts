/**
 * Fault injection: what a test can ask `/check` (and `/process`) to do instead of answering
 * well — latency, an error status, malformed JSON, a dropped or a hanging connection.
 */
import type { Context } from 'hono'
import * as v from 'valibot'
import type { Faults } from './types.ts'

/** Longest latency a fault may add: the same cap as a hang. */
export const MAX_LATENCY_MS = 300_000

const FAILURES = ['status', 'malformed', 'drop', 'hang'] as const

/** Schema of a set of faults, from code, the control endpoint or the state file. */
export const FaultsSchema = v.pipe(
  v.strictObject(
    {
      latencyMs: v.optional(
        v.pipe(
          v.number('latencyMs must be a number'),
          v.integer('latencyMs must be a whole number of milliseconds'),
          v.minValue(0, 'latencyMs must not be negative'),
          v.maxValue(MAX_LATENCY_MS, `latencyMs must be at most ${MAX_LATENCY_MS}`),
        ),
      ),
      status: v.optional(v.picklist([500, 502, 503, 504], 'status must be 500, 502, 503 or 504')),
      malformed: v.optional(v.boolean('malformed must be true or false')),
      drop: v.optional(v.boolean('drop must be true or false')),
      hang: v.optional(v.boolean('hang must be true or false')),
      times: v.optional(
        v.pipe(
          v.number('times must be a number'),
          v.integer('times must be a whole number'),
          v.minValue(1, 'times must be at least 1'),
        ),
      ),
    },
    (issue) =>
      issue.expected === 'never'
        ? `unknown fault ${issue.received}: use latencyMs, status, malformed, drop, hang or times`
        : 'faults must be a JSON object',
  ),
  v.check(
    (faults) => FAILURES.filter((key) => faults[key] !== undefined && faults[key] !== false).length <= 1,
    'choose at most one of status, malformed, drop and hang',
  ),
)

/** Validates faults; the error lists every problem. */
export function parseFaults(input: unknown): { ok: true; faults: Faults } | { ok: false; message: string } {
  if (Array.isArray(input)) return { ok: false, message: 'faults must be a JSON object' }
  const parsed = v.safeParse(FaultsSchema, input)
  return parsed.success
    ? { ok: true, faults: parsed.output }
    : { ok: false, message: parsed.issues.map((issue) => issue.message).join('; ') }
}

/** Header for a fault on one request, e.g. `status=503`, `latency=200, drop`. */
export const FAULT_HEADER = 'X-Sandbox-Fault'

/**
 * Reads the `X-Sandbox-Fault` header: comma-separated `status=503`, `latency=200`, `malformed`,
 * `drop`, `hang`.
 */
export function parseFaultHeader(
  header: string,
): { ok: true; faults: Faults } | { ok: false; message: string } {
  const faults: Record<string, unknown> = {}
  for (const part of header.split(/[,;]/)) {
    const token = part.trim()
    if (token === '') continue
    const [key = '', value, ...rest] = token.split('=').map((piece) => piece.trim())
    const number = value === undefined || rest.length > 0 || !/^\d+$/.test(value) ? Number.NaN : Number(value)
    if (key === 'latency' && value !== undefined) faults.latencyMs = number
    else if (key === 'status' && value !== undefined) faults.status = number
    else if ((key === 'malformed' || key === 'drop' || key === 'hang') && value === undefined)
      faults[key] = true
    else {
      return {
        ok: false,
        message: `${FAULT_HEADER}: cannot read "${token}"; use status=503, latency=200, malformed, drop or hang`,
      }
    }
  }
  const parsed = parseFaults(faults)
  return parsed.ok ? parsed : { ok: false, message: `${FAULT_HEADER}: ${parsed.message}` }
}

/** Thrown where no socket can be closed (e.g. `app.request()`): the request then rejects. */
export class ConnectionDropped extends Error {
  override name = 'ConnectionDropped'
}

interface NodeBindings {
  incoming: { socket: { destroy(): void } }
}

function isNodeBindings(env: unknown): env is NodeBindings {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return false
  const { incoming } = env
  if (typeof incoming !== 'object' || incoming === null || !('socket' in incoming)) return false
  const { socket } = incoming
  return (
    typeof socket === 'object' &&
    socket !== null &&
    'destroy' in socket &&
    typeof socket.destroy === 'function'
  )
}

/**
 * Drops the connection: destroys the socket on @hono/node-server, throws {@link ConnectionDropped}
 * anywhere else.
 */
export function dropConnection(c: Context, reason: string): Response {
  const env: unknown = c.env
  if (!isNodeBindings(env)) throw new ConnectionDropped(`sandbox fault: ${reason}`)
  env.incoming.socket.destroy()
  // Nobody reads this: the socket is gone.
  return new Response(null, { status: 500 })
}

/** The requests held by `hang` faults, so that a reset can let them go. */
export class Hangs {
  readonly #release = new Set<() => void>()

  get size() {
    return this.#release.size
  }

  /** Resolves when the client gives up, after `maxMs`, or on {@link releaseAll}. */
  wait(signal: AbortSignal, maxMs: number): Promise<'aborted' | 'capped' | 'released'> {
    return new Promise((resolve) => {
      const finish = (how: 'aborted' | 'capped' | 'released') => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        this.#release.delete(onRelease)
        resolve(how)
      }
      const onAbort = () => finish('aborted')
      const onRelease = () => finish('released')
      // unref: a held request must never keep the process alive on its own.
      const timer = setTimeout(() => finish('capped'), maxMs)
      timer.unref?.()
      if (signal.aborted) return finish('aborted')
      signal.addEventListener('abort', onAbort, { once: true })
      this.#release.add(onRelease)
    })
  }

  releaseAll() {
    for (const release of [...this.#release]) release()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What is left for the route to do after the faults ran: nothing, or cut the JSON short. */
export type FaultResult = { response: Response } | { malformed: boolean }

const PROXY_TITLES: Record<NonNullable<Faults['status']>, string> = {
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
}

/**
 * Runs the faults of one request. `/process` only takes latency; `/check` takes them all.
 */
export async function runFaults(
  c: Context,
  faults: Faults | undefined,
  route: 'check' | 'process',
  hangs: Hangs,
  maxHangMs: number,
): Promise<FaultResult> {
  if (!faults) return { malformed: false }
  if (faults.latencyMs) await sleep(faults.latencyMs)
  if (route === 'process') return { malformed: false }
  if (faults.hang) {
    const how = await hangs.wait(c.req.raw.signal, maxHangMs)
    return { response: dropConnection(c, `hanging request ${how}`) }
  }
  if (faults.drop) return { response: dropConnection(c, 'connection dropped') }
  if (faults.status) {
    // What a proxy in front of the PSP answers: HTML, not the PSP's JSON.
    const title = PROXY_TITLES[faults.status]
    const page = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
    return { response: c.html(page, faults.status) }
  }
  return { malformed: faults.malformed === true }
}

/** Cuts a JSON text in half, as a proxy that lost the connection mid-body would. */
export const malform = (json: string) => json.slice(0, Math.max(1, Math.floor(json.length / 2)))
