/**
 * The server-to-server half of the PSP protocol: `POST {PSP}/check`. PSP behaviour never throws
 * out of here: timeouts, network errors, 5xx and unreadable answers are retried a bounded number
 * of times and then reported as `unreadable` with a reason.
 */
import { type CheckResult, parseCheckResponse } from '@portmanat-checkout/shared'
import {
  abortedBy,
  type FetchLike,
  httpPost,
  type Post,
  type PostAnswer,
  postViaFetch,
} from '../http/post.ts'

/** What the routes and the follow-up job need from the PSP. */
export interface PspClient {
  /** Asks the PSP about one payment. Never rejects. */
  check(psp_rrn: string, options?: { attempts?: number }): Promise<CheckResult>
}

export type { FetchLike }

export interface PspClientOptions {
  /** PSP base URL without a trailing slash. */
  baseUrl: string
  /**
   * How a request is sent, as `fetch` would (the in-process sandbox, tests). Without it the
   * client sends on `node:http`/`node:https` with kept-alive connections (`httpPost`).
   */
  fetch?: FetchLike
  /** Per attempt. @default 5000 */
  timeoutMs?: number
  /** @default 3 */
  attempts?: number
  /** Delay before retry n (1-based) is `backoffMs * 2 ** (n - 1)`. @default 250 */
  backoffMs?: number
  sleep?: (ms: number) => Promise<void>
}

const defaultSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms))

type Attempt = { result: CheckResult; retry: boolean }

/**
 * @example
 * const psp = createPspClient({ baseUrl: 'https://psp.mps.az' })
 * const result = await psp.check('1495199725-5xfasd-6CVI3o-l]Bupz')
 */
export const createPspClient = ({
  baseUrl,
  fetch: fetchImpl,
  timeoutMs = 5000,
  attempts = 3,
  backoffMs = 250,
  sleep = defaultSleep,
}: PspClientOptions): PspClient => {
  const url = `${baseUrl}/check`
  const post: Post = fetchImpl ? postViaFetch(fetchImpl) : httpPost()

  async function once(psp_rrn: string): Promise<Attempt> {
    let response: PostAnswer
    // A timer of our own, cleared as soon as the answer is in: AbortSignal.timeout() would keep
    // the signal, its listener and what that holds alive for the whole timeout after every answer
    // (thousands of them under load).
    const controller = new AbortController()
    const { signal } = controller
    const timer = setTimeout(
      () => controller.abort(new DOMException(`timeout after ${timeoutMs} ms`, 'TimeoutError')),
      timeoutMs,
    )
    try {
      // Raced as well as passed on: a sender that ignores the signal (an in-process app) still
      // times out, and so does a PSP that sends headers and then stalls the body.
      const body = new URLSearchParams({ psp_rrn }).toString()
      response = await Promise.race([post(url, { headers: FORM, body, signal }), abortedBy(signal)])
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
      const reason = timedOut ? `timeout after ${timeoutMs} ms` : `network error: ${describe(error)}`
      return { result: { kind: 'unreadable', reason }, retry: true }
    } finally {
      clearTimeout(timer)
    }
    if (response.status >= 500) {
      return { result: { kind: 'unreadable', reason: `HTTP ${response.status}` }, retry: true }
    }
    const result = parseCheckResponse(response.text)
    if (result.kind === 'unreadable') {
      // A 4xx with an unreadable body will not improve by asking again.
      return {
        result: { kind: 'unreadable', reason: `HTTP ${response.status}: ${result.reason}` },
        retry: response.status < 400,
      }
    }
    return { result, retry: false }
  }

  return {
    async check(psp_rrn, options = {}) {
      const limit = Math.max(1, options.attempts ?? attempts)
      let last: Attempt = { result: { kind: 'unreadable', reason: 'not asked' }, retry: false }
      for (let attempt = 1; attempt <= limit; attempt++) {
        if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2))
        last = await once(psp_rrn)
        if (!last.retry) return last.result
      }
      return last.result
    },
  }
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown'
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`.slice(0, 200)
}
