/**
 * The webhook channel: order events to the merchant's backend (`WEBHOOK_URL`) in the Standard
 * Webhooks format, signed with the `standardwebhooks` library: headers `webhook-id` (the event's
 * id, the same on every retry), `webhook-timestamp` (seconds, at this try) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret during a rotation).
 */
import { Webhook } from 'standardwebhooks'
import { abortedBy, type FetchLike, httpPost, postViaFetch } from '../http/post.ts'
import type { Secret } from '../secret.ts'
import type { Sender } from './types.ts'

export interface WebhookSenderOptions {
  url: string
  /** The `whsec_…` secrets; every one signs (several during a rotation). */
  secrets: readonly Secret[]
  /** How a request is sent, as `fetch` would (tests). @default `node:http`/`node:https`, kept alive */
  fetch?: FetchLike
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
  return signWith(signersOf(secrets), id, timestamp, body)
}

const signersOf = (secrets: readonly Secret[]) => secrets.map((secret) => new Webhook(secret.reveal()))

const signWith = (signers: readonly Webhook[], id: string, timestamp: Date, body: string) =>
  signers.map((signer) => signer.sign(id, timestamp, body)).join(' ')

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
  const signers = signersOf(secrets)
  // The receiver's status is all that counts: its body is drained, not read.
  const post = fetchImpl ? postViaFetch(fetchImpl, { body: 'discard' }) : httpPost({ body: 'discard' })
  return async (message, signal) => {
    // Whole seconds: the header carries seconds and the signature must cover exactly that value.
    const timestamp = new Date(Math.floor(clock().getTime() / 1000) * 1000)
    const headers = {
      'content-type': 'application/json',
      'user-agent': userAgent,
      'webhook-id': message.event_id,
      'webhook-timestamp': String(timestamp.getTime() / 1000),
      'webhook-signature': signWith(signers, message.event_id, timestamp, message.payload),
    }
    try {
      // Raced as well as passed on: the answer is due within the signal whatever the sender does.
      const { status } = await Promise.race([
        post(url, { headers, body: message.payload, signal }),
        abortedBy(signal),
      ])
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
