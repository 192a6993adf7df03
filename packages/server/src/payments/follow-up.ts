/**
 * The server's own follow-up: a buyer may never come back from the PSP, so pending orders are
 * asked about again with backoff, and `created` orders nobody paid expire after a day.
 */
import type { Ledger } from './ledger.ts'
import type { PspClient } from './psp/client.ts'
import { applyVerdict, judge, nextCheckAt } from './verify.ts'

export interface FollowUpDeps extends Ledger {
  psp: PspClient
}

export interface FollowUpOptions {
  /** Orders asked about per run. @default 50 */
  batch?: number
  /** Age after which an unpaid `created` order expires. @default one day */
  expireAfterMs?: number
}

export interface FollowUpReport {
  checked: number
  expired: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * One pass of the job: re-checks due orders, then expires stale ones. Safe to call directly
 * (tests) and from several instances at once (every change is a compare-and-set).
 */
export async function runFollowUp(
  deps: FollowUpDeps,
  { batch = 50, expireAfterMs = DAY_MS }: FollowUpOptions = {},
): Promise<FollowUpReport> {
  const { store, psp, clock, logger, config } = deps
  const due = await store.dueForCheck(clock(), batch)
  for (const order of due) {
    const attempts = order.check_attempts + 1
    if (!order.psp_rrn) {
      await store.scheduleCheck(order.client_rrn, null, attempts, clock())
      continue
    }
    const result = await psp.check(order.psp_rrn)
    const now = clock()
    const verdict = judge(order, order.psp_rrn, result, config.mode === 'live', now)
    if (verdict.kind === 'move') {
      await applyVerdict(deps, order, verdict)
      continue
    }
    // The PSP does not know the reference of a payment it once called pending: nothing will
    // ever settle it, so the order is final as failed instead of pending forever.
    if (verdict.kind === 'bad_hint' && order.status === 'pending') {
      await applyVerdict(deps, order, {
        kind: 'move',
        change: {
          from: ['pending'],
          to: 'failed',
          reason: 'unknown_rrn',
          next_check_at: null,
          detail: { psp_rrn: order.psp_rrn, why: verdict.why },
        },
      })
      continue
    }
    // A created order whose only reference is unknown to the PSP stops here and expires like
    // any unpaid order (expireCreated takes it once nothing is scheduled).
    const next = verdict.kind === 'bad_hint' ? null : nextCheckAt(now, attempts)
    await store.scheduleCheck(order.client_rrn, next, attempts, now)
    if (next === null) {
      logger.warn(
        {
          event: 'followup.stopped',
          client_rrn: order.client_rrn,
          attempts,
          why: verdict.kind === 'still_pending' ? 'still pending' : verdict.why,
        },
        'follow-up stopped asking about an order',
      )
    }
  }
  const now = clock()
  const expired = await store.expireCreated(new Date(now.getTime() - expireAfterMs), now)
  for (const order of expired) {
    logger.info(
      {
        event: 'order.transition',
        client_rrn: order.client_rrn,
        from: 'created',
        to: 'expired',
        reason: 'expired',
      },
      'order transition',
    )
    deps.webhooks.orderChanged(order)
  }
  return { checked: due.length, expired: expired.length }
}

export interface FollowUpJob {
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>
}

/**
 * Runs {@link runFollowUp} every `intervalMs`; a pass never overlaps the previous one.
 *
 * @example const job = startFollowUp(deps); … await job.stop()
 */
export function startFollowUp(
  deps: FollowUpDeps,
  { intervalMs = 5000, ...options }: FollowUpOptions & { intervalMs?: number } = {},
): FollowUpJob {
  let running: Promise<unknown> | undefined
  const timer = setInterval(() => {
    if (running) return
    running = runFollowUp(deps, options)
      .catch((error: unknown) =>
        deps.logger.error({ event: 'followup.error', err: error }, 'follow-up pass failed'),
      )
      .finally(() => {
        running = undefined
      })
  }, intervalMs)
  timer.unref?.()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
