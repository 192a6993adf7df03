/**
 * Every way talking to the server can fail, as one small tagged type: the dialog shows a
 * localised message per kind and offers Retry only where retrying can help.
 */

export type ErrorKind =
  /** 400 (but a refused return URL), 413, 415 and other 4xx: the embed itself is wrong. */
  | 'config'
  /** 400 `return_url_not_allowed`: this page's origin is not in ALLOWED_ORIGINS. */
  | 'return_url'
  /** 404 on `/api/checkout` or `/api/items`: no such item. */
  | 'not_found'
  /** 404 on `/api/payments`: no such order. */
  | 'unknown_payment'
  /** 409 `idempotency_conflict`. */
  | 'conflict'
  /** 429, with `Retry-After` when the server sent it. */
  | 'rate_limited'
  /** 5xx. */
  | 'server'
  /** `fetch` rejected: offline, DNS, CORS refused. */
  | 'network'
  /** No answer within the time limit. */
  | 'timeout'
  /** An answer that is not the documented JSON. */
  | 'malformed'

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

const RETRYABLE: readonly ErrorKind[] = [
  'conflict',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'malformed',
]

/** True when pressing Retry can succeed without anyone changing the embed or the server. */
export const isRetryable = (error: WidgetError): boolean => RETRYABLE.includes(error.kind)

/**
 * The kind of an HTTP error answer.
 *
 * @param notFound what a 404 means for this route
 */
export function kindOfStatus(status: number, code: string | undefined, notFound: ErrorKind): ErrorKind {
  if (status === 404) return notFound
  if (status === 409) return 'conflict'
  if (status === 429) return 'rate_limited'
  if (status >= 500) return 'server'
  return code === 'return_url_not_allowed' ? 'return_url' : 'config'
}

/** `Retry-After` as whole seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : Math.ceil((Date.parse(trimmed) - now) / 1000)
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined
}
