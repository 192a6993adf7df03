/**
 * The server's own follow-up: a buyer may never come back from the PSP, and a callback may have
 * died with its `/check` in flight, so every reference a callback brought is asked about again
 * with backoff until its answer is final; `created` orders nobody paid expire after a day.
 */
import { type CheckDeps, checkAttempt } from './check-attempt.ts'
import { announce, messagesOf } from './ledger.ts'

export type FollowUpDeps = CheckDeps

export interface FollowUpOptions {
  /** References asked about per run. @default 50 */
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
 * One pass of the job: asks about due references, then expires stale orders. Safe to call
 * directly (tests) and from several instances at once (every change is a compare-and-set).
 */
export async function runFollowUp(
  deps: FollowUpDeps,
  { batch = 50, expireAfterMs = DAY_MS }: FollowUpOptions = {},
): Promise<FollowUpReport> {
  const { store, clock } = deps
  const due = await store.dueAttempts(clock(), batch)
  for (const { attempt, order } of due) {
    if (order.status === 'paid') {
      // Paid is final: the order's other references need no more questions.
      await store.updateAttempt(
        order.client_rrn,
        attempt.psp_rrn,
        {
          state: 'stopped',
          outcome: attempt.outcome ?? 'order_paid',
          checks: attempt.checks,
          next_check_at: null,
        },
        clock(),
      )
      continue
    }
    await checkAttempt(deps, order, attempt)
  }
  const now = clock()
  const messages = messagesOf(deps)
  const expired = await store.expireCreated(new Date(now.getTime() - expireAfterMs), now, messages)
  for (const order of expired) announce(deps, 'created', order, messages.written())
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
