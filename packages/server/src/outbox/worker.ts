/**
 * The delivery worker: claims due messages (a lease, so another instance never sends the same one
 * meanwhile and a crashed worker's claim runs out), hands each to its channel, records every try
 * (outcome, duration, status code) and moves the message on: delivered, due again after a backoff
 * of about three days in all, or dead. At least once: a message whose try was not recorded (a
 * crash mid-send) is sent again with the same event id.
 */
import { performance } from 'node:perf_hooks'
import type { Logger } from '../logger.ts'
import type { DeliveryRecord, OutboxMessage, Store } from '../store/types.ts'
import type { DeliveryOutcome, Route } from './types.ts'

/** Waits before each retry, in seconds; after the last failure the message is dead (~3 days in all). */
export const OUTBOX_RETRY_DELAYS_S = [
  5,
  30,
  120,
  600,
  1800,
  3600,
  3 * 3600,
  6 * 3600,
  12 * 3600,
  24 * 3600,
  24 * 3600,
] as const

export interface OutboxWorkerOptions {
  store: Store
  routes: readonly Route[]
  clock?: () => Date
  logger: Logger
  /** How often to look for due messages when not woken. @default 1000 */
  pollMs?: number
  /** Messages claimed and sent together. @default 10 */
  batch?: number
  /**
   * How long a claim holds: longer than a send can take (`timeoutMs`), short enough that a message
   * claimed by a worker that then crashed goes out soon after a restart. @default 30000
   */
  leaseMs?: number
  /** One try's limit. @default 15000 */
  timeoutMs?: number
  retryDelaysS?: readonly number[]
}

export interface OutboxWorker {
  /** Look for due messages now (called when a transaction wrote some). */
  wake(): void
  /** Claims and sends one batch; resolves with how many messages it handled. */
  runOnce(): Promise<number>
  /** Stops claiming and waits for the sends in flight. */
  stop(): Promise<void>
}

/**
 * Starts the worker loop (`start: false` for tests that drive {@link OutboxWorker.runOnce}).
 * @example const outbox = startOutbox({ store, routes, logger }); … await outbox.stop()
 */
export function startOutbox(
  {
    store,
    routes,
    clock = () => new Date(),
    logger,
    pollMs = 1000,
    batch = 10,
    leaseMs = 30_000,
    timeoutMs = 15_000,
    retryDelaysS = OUTBOX_RETRY_DELAYS_S,
  }: OutboxWorkerOptions,
  { start = true }: { start?: boolean } = {},
): OutboxWorker {
  let stopped = false
  let woken = false
  let poke: (() => void) | undefined
  let loop: Promise<void> | undefined

  async function deliver(message: OutboxMessage): Promise<void> {
    const route = routes.find((candidate) => candidate.channel === message.channel)
    const started = performance.now()
    let outcome: DeliveryOutcome
    try {
      outcome = route
        ? await route.send(message, AbortSignal.timeout(timeoutMs))
        : { ok: false, error: `the ${message.channel} channel is not configured` }
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.name : 'error' }
    }
    const duration_ms = performance.now() - started
    const attempt = message.attempts + 1
    const now = clock()
    const delay = retryDelaysS[attempt - 1]
    const record: DeliveryRecord = {
      duration_ms,
      ok: outcome.ok,
      status_code: outcome.status_code ?? null,
      error: outcome.ok ? null : (outcome.error ?? 'failed'),
      status: outcome.ok ? 'delivered' : outcome.permanent || delay === undefined ? 'dead' : 'pending',
      next_attempt_at: delay === undefined ? null : new Date(now.getTime() + delay * 1000).toISOString(),
    }
    await store.recordDelivery(message.id, record, now)
    const fields = {
      id: message.id,
      event_id: message.event_id,
      channel: message.channel,
      type: message.type,
      client_rrn: message.client_rrn,
      attempt,
      status_code: record.status_code,
      duration_ms: Math.round(duration_ms),
    }
    if (record.status === 'delivered')
      logger.info({ event: 'outbox.delivered', ...fields }, 'message delivered')
    else if (record.status === 'dead') {
      logger.error(
        { event: 'outbox.dead', ...fields, error: record.error },
        `message dead after ${attempt} tries: resend it from the dashboard or the CLI once the receiver is fixed`,
      )
    } else {
      logger.warn(
        { event: 'outbox.retry', ...fields, error: record.error, next_attempt_at: record.next_attempt_at },
        'delivery failed; will retry',
      )
    }
  }

  async function runOnce(): Promise<number> {
    const claimed = await store.claimMessages(clock(), { limit: batch, leaseMs })
    await Promise.all(
      claimed.map((message) =>
        deliver(message).catch((error: unknown) =>
          logger.error({ event: 'outbox.error', id: message.id, err: error }, 'could not record a delivery'),
        ),
      ),
    )
    return claimed.length
  }

  async function run() {
    while (!stopped) {
      woken = false
      let handled = 0
      try {
        handled = await runOnce()
      } catch (error) {
        logger.error({ event: 'outbox.error', err: error }, 'outbox pass failed')
      }
      // More may be due (a full batch), or a transaction wrote messages while this pass ran.
      if (stopped || handled >= batch || woken) continue
      await new Promise<void>((resume) => {
        const timer = setTimeout(resume, pollMs)
        timer.unref?.()
        poke = () => {
          clearTimeout(timer)
          resume()
        }
      })
      poke = undefined
    }
  }

  if (start) loop = run()
  return {
    wake() {
      woken = true
      poke?.()
    },
    runOnce,
    async stop() {
      stopped = true
      poke?.()
      await loop
    },
  }
}
