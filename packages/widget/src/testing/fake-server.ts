/**
 * A fake signing server for tests: a `fetch` that records every call and answers from a
 * handler, plus builders of valid answers. Tests pass it in (or stub the global) instead of
 * mocking our modules.
 */
import type { CheckoutResponse, PaymentResponse } from '@portmanat-checkout/shared'

export interface FakeCall {
  url: string
  method: string
  headers: Headers
  body: unknown
  credentials: RequestCredentials | undefined
  signal: AbortSignal | undefined
}

export type Answer = Response | Error | Promise<Response> | 'hang'

export type FakeFetch = typeof fetch & { calls: FakeCall[] }

/** A `fetch` answering from `handler`; `'hang'` never answers (until aborted). */
export function fakeFetch(handler: (call: FakeCall, index: number) => Answer): FakeFetch {
  const calls: FakeCall[] = []
  const fake = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const call: FakeCall = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
      signal: init.signal ?? undefined,
    }
    calls.push(call)
    const answer = handler(call, calls.length - 1)
    if (answer === 'hang') {
      return new Promise((_, reject) =>
        call.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )
    }
    if (answer instanceof Error) throw answer
    return answer
  }
  return Object.assign(fake, { calls })
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

export const apiError = (status: number, code: string, headers: Record<string, string> = {}): Response =>
  json(status, { error: { code, message: `${code} happened` } }, headers)

export const RRN = 'abcdefghijklmnopqrstuvwx'

export const ENDPOINT = 'http://127.0.0.1:8787'

/** A valid `201` of `POST /api/checkout`. */
export function checkoutAnswer(overrides: Partial<CheckoutResponse> = {}): CheckoutResponse {
  return {
    client_rrn: RRN,
    amount: '5.23',
    title: 'Premium plan',
    description: 'One month',
    redirect: {
      url: `${ENDPOINT}/sandbox/process`,
      method: 'POST',
      fields: { service_id: 'demo', client_rrn: RRN, amount: '5.23', client_ip: '127.0.0.1', hash: 'f00d' },
    },
    ...overrides,
  }
}

/** A valid `GET /api/payments/:client_rrn`. */
export function paymentAnswer(status: PaymentResponse['status']): PaymentResponse {
  return {
    client_rrn: RRN,
    status,
    reason: status === 'failed' ? 'declined' : status === 'expired' ? 'expired' : null,
    amount: '5.23',
    title: 'Premium plan',
    updated_at: '2026-01-01T00:00:00Z',
  }
}
