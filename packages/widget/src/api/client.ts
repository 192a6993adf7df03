/**
 * The widget's only network code: three calls to the signing server. It never throws; every
 * outcome is a {@link Result}. No cookies (`credentials: 'omit'`) and no origin but the endpoint.
 */
import type {
  CheckoutRequest,
  CheckoutResponse,
  ItemResponse,
  PaymentResponse,
} from '@portmanat-checkout/shared'
import { type ErrorKind, kindOfStatus, parseRetryAfter, type WidgetError } from './errors.ts'
import { apiError, checkoutResponse, itemResponse, paymentResponse } from './validate.ts'

export type Result<T> = { ok: true; value: T } | { ok: false; error: WidgetError }

export interface ClientOptions {
  /** The signing server's base URL, without a trailing slash. */
  endpoint: string
  /** Looked up on each call when not given, so tests and polyfills can replace the global. */
  fetch?: typeof fetch
  /** @default 15000 */
  timeoutMs?: number
  /** @default Date.now */
  now?: () => number
}

export interface ApiClient {
  checkout(
    body: CheckoutRequest,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<Result<CheckoutResponse>>
  item(id: string): Promise<Result<ItemResponse>>
  payment(clientRrn: string): Promise<Result<PaymentResponse>>
}

interface Call<T> {
  path: string
  init: RequestInit
  read: (body: unknown) => T | undefined
  notFound: ErrorKind
  signal?: AbortSignal | undefined
}

/** A client of one signing server. */
export const createClient = ({
  endpoint,
  fetch,
  timeoutMs = 15_000,
  now = Date.now,
}: ClientOptions): ApiClient => {
  async function call<T>({ path, init, read, notFound, signal }: Call<T>): Promise<Result<T>> {
    const fail = (error: WidgetError): Result<T> => ({ ok: false, error })
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    const cancel = () => controller.abort()
    signal?.addEventListener('abort', cancel)
    try {
      const response = await (fetch ?? globalThis.fetch)(endpoint + path, {
        ...init,
        credentials: 'omit',
        signal: controller.signal,
      })
      const text = await response.text()
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        body = undefined
      }
      if (response.ok) {
        const value = read(body)
        return value
          ? { ok: true, value }
          : fail({ kind: 'malformed', status: response.status, message: 'unexpected answer' })
      }
      const error = apiError(body)
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now())
      return fail({
        kind: kindOfStatus(response.status, error?.code, notFound),
        status: response.status,
        ...(error ? { code: error.code } : {}),
        ...(retryAfter === undefined ? {} : { retryAfter }),
        message: error?.message ?? `HTTP ${response.status}`,
      })
    } catch (cause) {
      return fail(
        timedOut
          ? { kind: 'timeout', message: `no answer within ${timeoutMs} ms` }
          : { kind: 'network', message: cause instanceof Error ? cause.message : 'network error' },
      )
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', cancel)
    }
  }

  return {
    checkout: (body, idempotencyKey, signal) =>
      call({
        path: '/api/checkout',
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
          body: JSON.stringify(body),
        },
        read: checkoutResponse,
        notFound: 'not_found',
        signal,
      }),
    item: (id) =>
      call({
        path: `/api/items/${encodeURIComponent(id)}`,
        init: {},
        read: itemResponse,
        notFound: 'not_found',
      }),
    payment: (clientRrn) =>
      call({
        path: `/api/payments/${encodeURIComponent(clientRrn)}`,
        // The server re-checks pending orders when polled: never answer from the HTTP cache.
        init: { cache: 'no-store' },
        read: paymentResponse,
        notFound: 'unknown_payment',
      }),
  }
}
