/**
 * The widget's only network code, and the checks of the server's answers. Calls never throw:
 * they resolve to `{value}` or `{error}`. No cookies (`credentials: 'omit'`), no origin but the
 * endpoint. The checks are hand-written (valibot does not fit the 8 KB budget) and keep to what
 * safety needs: text is text, amounts are canonical, the redirect is an http(s) URL with string
 * fields for exactly the amount shown. Text fields are only ever rendered as text.
 */
import type { OrderStatus } from '@portmanat-checkout/shared'

/**
 * Why a call failed, in the few categories the buyer is told about:
 * - `config`: 400, 413, 415 and other 4xx, or a 404 of a payment (the embed or server is set up wrongly)
 * - `not_found`: 404 of an item (not for sale)
 * - `rate_limited`: 429 (`retryAfter` from `Retry-After`)
 * - `server`: 5xx, 409, an answer that is not the documented JSON
 * - `network`: no answer (offline, CORS refused, 15 s timeout)
 */
export type ErrorKind = 'config' | 'not_found' | 'rate_limited' | 'server' | 'network'

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

/** What the modal shows of an order. */
export interface Order {
  client_rrn: string
  /** Canonical: `5.23`. */
  amount: string
  title: string
  description?: string
}

/** `201` of `POST /api/checkout`: the order and the form that pays it. */
export interface Summary extends Order {
  redirect: { url: string; fields: Record<string, string> }
}

/** `GET /api/payments/:client_rrn`. */
export interface Payment extends Order {
  status: OrderStatus
}

/** True when pressing Retry can succeed without anyone changing the embed or the server. */
export const isRetryable = ({ kind }: WidgetError): boolean => kind !== 'config' && kind !== 'not_found'

const isText = (value: unknown): value is string => typeof value === 'string'

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

// `Object(x)` reads properties of anything without throwing; each value is checked after.

function isOrder(body: unknown): body is Order {
  const { client_rrn, amount, title, description } = Object(body)
  return (
    isText(client_rrn) && isAmount(amount) && isText(title) && (description == null || isText(description))
  )
}

/** `201` of `POST /api/checkout`. */
export function isSummary(body: unknown): body is Summary {
  const { url, fields } = Object(Object(body).redirect)
  return (
    isOrder(body) &&
    !!httpUrl(url) &&
    Object.values(Object(fields)).every(isText) &&
    Object(fields).amount === body.amount
  )
}

/** `GET /api/payments/:client_rrn`. */
export function isPayment(body: unknown): body is Payment {
  const { status } = Object(body)
  return isOrder(body) && isText(status) && /^(created|pending|paid|failed|expired)$/.test(status)
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
              : 'config',
      status,
      code: isText(code) ? code : undefined,
      retryAfter: +(response.headers.get('retry-after') ?? '') || undefined,
      message: ok ? 'unexpected answer' : isText(message) ? message : `HTTP ${status}`,
    },
  }
}
