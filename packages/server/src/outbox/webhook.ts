/**
 * The webhook channel: order events to the merchant's backend (`WEBHOOK_URL`) in the Standard
 * Webhooks format, signed with the `standardwebhooks` library: headers `webhook-id` (the event's
 * id, the same on every retry), `webhook-timestamp` (seconds, at this try) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret during a rotation).
 */
import { Webhook } from 'standardwebhooks'
import { httpPost, type PostAnswer } from '../http/post.ts'
import type { Secret } from '../secret.ts'
import type { Sender } from './types.ts'

export interface WebhookSenderOptions {
  url: string
  /** The `whsec_…` secrets; every one signs (several during a rotation). */
  secrets: readonly Secret[]
  /** How a request is sent, as `fetch` would (tests). @default `node:http`/`node:https`, kept alive */
  fetch?: (input: string, init: RequestInit) => Promise<Response>
  clock?: () => Date
  userAgent?: string
}

/** The `webhook-signature` header value for one message: a signature per secret, space-separated. */
export function webhookSignature(
  secrets: readonly Secret[],
  id: string,
  timestamp: Date,
  body: string,
): string {
  return secrets.map((secret) => new Webhook(secret.reveal()).sign(id, timestamp, body)).join(' ')
}

/**
 * @example
 * const send = webhookSender({ url: 'https://shop.az/hooks', secrets: [new Secret('whsec_…')] })
 */
export const webhookSender = ({
  url,
  secrets,
  fetch: fetchImpl,
  clock = () => new Date(),
  userAgent = 'portmanat-checkout-webhooks',
}: WebhookSenderOptions): Sender => {
  const signers = secrets.map((secret) => new Webhook(secret.reveal()))
  const post = fetchImpl ? viaFetch(url, fetchImpl) : viaHttp(url)
  return async (message, signal) => {
    // Whole seconds: the header carries seconds and the signature must cover exactly that value.
    const timestamp = new Date(Math.floor(clock().getTime() / 1000) * 1000)
    const headers = {
      'content-type': 'application/json',
      'user-agent': userAgent,
      'webhook-id': message.event_id,
      'webhook-timestamp': String(timestamp.getTime() / 1000),
      'webhook-signature': signers
        .map((signer) => signer.sign(message.event_id, timestamp, message.payload))
        .join(' '),
    }
    try {
      // Raced as well as passed on: the answer is due within the signal whatever the sender does.
      const { status } = await Promise.race([post(headers, message.payload, signal), aborted(signal)])
      return status >= 200 && status < 300
        ? { ok: true, status_code: status }
        : { ok: false, status_code: status, error: `HTTP ${status}` }
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error'
      const timedOut = name === 'TimeoutError' || name === 'AbortError'
      const cause =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : ''
      return {
        ok: false,
        error: timedOut ? 'timeout' : `network error${cause ? `: ${cause.slice(0, 120)}` : ''}`,
      }
    }
  }
}

type Send = (headers: Record<string, string>, body: string, signal: AbortSignal) => Promise<PostAnswer>

/** The receiver's status; its body is drained, not read (it means nothing to the outbox). */
function viaHttp(url: string): Send {
  const post = httpPost({ body: 'discard' })
  return (headers, body, signal) => post(url, { headers, body, signal })
}

function viaFetch(url: string, fetchImpl: NonNullable<WebhookSenderOptions['fetch']>): Send {
  return async (headers, body, signal) => {
    const response = await fetchImpl(url, { method: 'POST', headers, body, signal, redirect: 'error' })
    await response.body?.cancel().catch(() => undefined)
    return { status: response.status, text: '' }
  }
}

/** Rejects with the signal's reason once it aborts (handled: it may abort after the answer). */
function aborted(signal: AbortSignal): Promise<never> {
  const rejected = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
  rejected.catch(() => {})
  return rejected
}
