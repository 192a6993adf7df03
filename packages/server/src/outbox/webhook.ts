/**
 * Signed order events for the merchant's backend (`WEBHOOK_URL`, `WEBHOOK_SECRET`).
 *
 * Each event is POSTed as JSON with `Portmanat-Signature: t=UNIX,v1=hex(HMAC-SHA256(secret,
 * "{t}.{body}"))` and retried with backoff in this process. Retries waiting in memory are lost
 * when the process stops (see the README); the order itself never depends on a webhook.
 */
import { createHmac } from 'node:crypto'
import { toCanonical } from '@portmanat-checkout/shared'
import type { Logger } from './logger.ts'
import type { Secret } from './secret.ts'
import type { Order } from './store/types.ts'

export type WebhookType = 'order.pending' | 'order.paid' | 'order.failed' | 'order.expired'

/** The JSON body of a webhook. */
export interface WebhookEvent {
  id: string
  type: WebhookType
  created_at: string
  data: WebhookOrder
}

/** An order as the merchant's backend sees it: no idempotency data, no order token. */
export interface WebhookOrder {
  client_rrn: string
  status: Order['status']
  reason: Order['reason']
  amount: string
  title: string
  description: string | null
  item_id: string | null
  reference: string | null
  psp_rrn: string | null
  bank_rrn: string | null
  client_ip: string | null
  created_at: string
  updated_at: string
}

export interface Webhooks {
  /** Queues the event for an order that just changed state (no-op for `created`). */
  orderChanged(order: Order): void
  /** Resolves when nothing is in flight or waiting (tests and shutdown). */
  idle(): Promise<void>
  /** Drops waiting retries. */
  stop(): void
}

export interface WebhookOptions {
  url: string
  secret: Secret
  fetch?: (input: string, init: RequestInit) => Promise<Response>
  clock?: () => Date
  random?: (n: number) => Uint8Array
  logger: Logger
  /** Delays before each retry; the number of attempts is its length + 1. */
  retryDelaysMs?: readonly number[]
  /** @default 10000 */
  timeoutMs?: number
}

const TYPES: Partial<Record<Order['status'], WebhookType>> = {
  pending: 'order.pending',
  paid: 'order.paid',
  failed: 'order.failed',
  expired: 'order.expired',
}

/** Retries: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h (about 9 hours in all). */
export const WEBHOOK_RETRY_DELAYS_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000] as const

/** The value of the `Portmanat-Signature` header for a body sent at `t` (seconds). */
export function webhookSignature(secret: Secret, t: number, body: string): string {
  const v1 = createHmac('sha256', secret.reveal()).update(`${t}.${body}`, 'utf8').digest('hex')
  return `t=${t},v1=${v1}`
}

export function webhookOrder(order: Order): WebhookOrder {
  return {
    client_rrn: order.client_rrn,
    status: order.status,
    reason: order.reason,
    amount: toCanonical(order.qepik),
    title: order.title,
    description: order.description,
    item_id: order.item_id,
    reference: order.reference,
    psp_rrn: order.psp_rrn,
    bank_rrn: order.bank_rrn,
    client_ip: order.client_ip,
    created_at: order.created_at,
    updated_at: order.updated_at,
  }
}

/** A sender that does nothing, for servers without `WEBHOOK_URL`. */
export const noWebhooks: Webhooks = { orderChanged() {}, idle: async () => {}, stop() {} }

/**
 * @example
 * const webhooks = createWebhooks({ url: 'https://shop.az/hooks', secret, logger })
 * webhooks.orderChanged(order)
 */
export const createWebhooks = ({
  url,
  secret,
  fetch: fetchImpl = globalThis.fetch,
  clock = () => new Date(),
  random = (n) => crypto.getRandomValues(new Uint8Array(n)),
  logger,
  retryDelaysMs = WEBHOOK_RETRY_DELAYS_MS,
  timeoutMs = 10_000,
}: WebhookOptions): Webhooks => {
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const inFlight = new Set<Promise<void>>()
  let stopped = false

  async function deliver(event: WebhookEvent, body: string, attempt: number): Promise<void> {
    const t = Math.floor(clock().getTime() / 1000)
    let outcome: string
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'portmanat-checkout-webhooks',
          'portmanat-signature': webhookSignature(secret, t, body),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      })
      await response.body?.cancel()
      if (response.ok) {
        logger.info(
          { event: 'webhook.delivered', id: event.id, type: event.type, attempt },
          'webhook delivered',
        )
        return
      }
      outcome = `HTTP ${response.status}`
    } catch (error) {
      outcome = error instanceof Error ? error.name : 'error'
    }
    const delay = retryDelaysMs[attempt - 1]
    if (delay === undefined || stopped) {
      logger.error(
        { event: 'webhook.gave_up', id: event.id, type: event.type, attempt, outcome },
        'webhook gave up',
      )
      return
    }
    logger.warn(
      { event: 'webhook.retry', id: event.id, type: event.type, attempt, outcome, delay_ms: delay },
      'webhook failed',
    )
    const timer = setTimeout(() => {
      timers.delete(timer)
      track(deliver(event, body, attempt + 1))
    }, delay)
    timer.unref?.()
    timers.add(timer)
  }

  function track(promise: Promise<void>) {
    const tracked = promise.catch(() => {}).finally(() => inFlight.delete(tracked))
    inFlight.add(tracked)
  }

  return {
    orderChanged(order) {
      const type = TYPES[order.status]
      if (!type || stopped) return
      const id = `evt_${Buffer.from(random(16)).toString('hex')}`
      const event: WebhookEvent = { id, type, created_at: clock().toISOString(), data: webhookOrder(order) }
      track(deliver(event, JSON.stringify(event), 1))
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all(inFlight)
    },
    stop() {
      stopped = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  }
}
