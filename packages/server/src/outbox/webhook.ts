/**
 * The webhook channel: order events to the merchant's backend (`WEBHOOK_URL`) in the Standard
 * Webhooks format, signed with the `standardwebhooks` library: headers `webhook-id` (the event's
 * id, the same on every retry), `webhook-timestamp` (seconds, at this try) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret during a rotation).
 */
import { Webhook } from 'standardwebhooks'
import type { Secret } from '../secret.ts'
import type { Sender } from './types.ts'

export interface WebhookSenderOptions {
  url: string
  /** The `whsec_…` secrets; every one signs (several during a rotation). */
  secrets: readonly Secret[]
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
  fetch: fetchImpl = globalThis.fetch,
  clock = () => new Date(),
  userAgent = 'portmanat-checkout-webhooks',
}: WebhookSenderOptions): Sender => {
  const signers = secrets.map((secret) => new Webhook(secret.reveal()))
  return async (message, signal) => {
    // Whole seconds: the header carries seconds and the signature must cover exactly that value.
    const timestamp = new Date(Math.floor(clock().getTime() / 1000) * 1000)
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': userAgent,
          'webhook-id': message.event_id,
          'webhook-timestamp': String(timestamp.getTime() / 1000),
          'webhook-signature': signers
            .map((signer) => signer.sign(message.event_id, timestamp, message.payload))
            .join(' '),
        },
        body: message.payload,
        signal,
        redirect: 'error',
      })
      await response.body?.cancel().catch(() => undefined)
      return response.ok
        ? { ok: true, status_code: response.status }
        : { ok: false, status_code: response.status, error: `HTTP ${response.status}` }
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error'
      const timedOut = name === 'TimeoutError' || name === 'AbortError'
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : ''
      return {
        ok: false,
        error: timedOut ? 'timeout' : `network error${cause ? `: ${cause.slice(0, 120)}` : ''}`,
      }
    }
  }
}
