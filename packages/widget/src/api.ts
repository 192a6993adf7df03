/**
 * The widget's only network code. Calls never throw: they resolve to `{value}` or `{error}`. No
 * cookies (`credentials: 'omit'`), no origin but the endpoint. The checks are hand-written
 * (valibot does not fit the size budget) and keep to what safety needs: text is text, amounts
 * are canonical. The modal's own answer checks live in `modal/answers.ts`.
 */

/**
 * Why a call failed, in the few categories the buyer is told about:
 * - `config`: 400, 413, 415 and other 4xx, or a 404 of a payment (the embed or server is set up wrongly)
 * - `origin`: 403 `origin_not_allowed` (the shop's origin is missing from `ALLOWED_ORIGINS`)
 * - `not_found`: 404 of an item (not for sale)
 * - `rate_limited`: 429 (`retryAfter` from `Retry-After`)
 * - `server`: 5xx, 409, an answer that is not the documented JSON
 * - `network`: no answer (offline, CORS refused, 15 s timeout), or the modal could not load
 */
export type ErrorKind = 'config' | 'origin' | 'not_found' | 'rate_limited' | 'server' | 'network'

/** A failed call to the signing server. `message` is for developers (console, events). */
export interface WidgetError {
  kind: ErrorKind
  /** HTTP status, when there was an answer. */
  status?: number
  /** The API's `error.code`, when the body had one. */
  code?: string
  /** Seconds from `Retry-After`. */
  retryAfter?: number
  message: string
}

export type Result<T> = { value: T; error?: undefined } | { error: WidgetError }

/** True when pressing Retry can succeed without anyone changing the embed or the server. */
export const isRetryable = ({ kind }: WidgetError): boolean => /^(ra|se|ne)/.test(kind)

export const isText = (value: unknown): value is string => typeof value === 'string'

/** A canonical amount: whole manat without leading zeros, a dot, two decimals (`5.23`). */
export const isAmount = (value: unknown): value is string =>
  isText(value) && /^(0|[1-9]\d{0,6})\.\d\d$/.test(value)

/** An absolute http(s) URL (relative ones resolve against `base`), else undefined. */
export function httpUrl(text: unknown, base?: string): URL | undefined {
  try {
    const url = new URL(text as string, base)
    if (/^https?:$/.test(url.protocol)) return url
  } catch {}
}

/** `GET /api/items/:id`, as far as the price on the button needs it. */
export const isItem = (body: unknown): body is { amount: string } => isAmount(Object(body).amount)

/**
 * One call to the signing server, given up after 15 s.
 *
 * @param accept the check of a 2xx body; a body it refuses is a `server` error
 * @param notFound what a 404 means for this route
 * @param abort aborts the call from outside too (its answer is then of no interest)
 */
export async function request<T>(
  url: string,
  accept: (body: unknown) => body is T,
  init: RequestInit = {},
  notFound: ErrorKind = 'not_found',
  abort = new AbortController(),
): Promise<Result<T>> {
  const timer = setTimeout(() => abort.abort('timeout'), 15_000)
  let response: Response
  let body: unknown
  try {
    response = await fetch(url, { ...init, credentials: 'omit', signal: abort.signal })
    body = await response.json().catch(() => {})
  } catch (cause) {
    return { error: { kind: 'network', message: `${cause}` } }
  } finally {
    clearTimeout(timer)
  }
  const { ok, status } = response
  if (ok && accept(body)) return { value: body }
  const { code, message } = Object(Object(body).error)
  return {
    error: {
      kind:
        ok || status > 499 || status === 409
          ? 'server'
          : status === 404
            ? notFound
            : status === 429
              ? 'rate_limited'
              : code === 'origin_not_allowed'
                ? 'origin'
                : 'config',
      status,
      code: isText(code) ? code : undefined,
      retryAfter: Number(response.headers.get('retry-after')) || undefined,
      // An answer we cannot read says only its status ("HTTP 200" for a 2xx we refused).
      message: isText(message) ? message : `HTTP ${status}`,
    },
  }
}
