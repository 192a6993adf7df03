/**
 * The operator's "ask the PSP now" about one order (the dashboard's Recheck, the CLI's
 * `orders recheck`): `/check` about each payment reference that still waits for a final answer,
 * through the same path as the callback and the follow-up job, so the trust rules and the
 * compare-and-set apply as they do there.
 *
 * Asked: `open` and `pending` references, and `stopped` ones (the follow-up gave up after about
 * thirty days; an operator pressing Recheck means "try again anyway"). Not asked: `settled`
 * references (a final answer: paid stays paid, a decline is not revisited) and `ignored` ones
 * (another order's or service's payment, or one the PSP does not know).
 */
import type { AttemptState, Order } from '../store/types.ts'
import { type CheckDeps, checkAttempt } from './check-attempt.ts'
import type { Verdict } from './verify.ts'

/** The attempt states a recheck asks about. */
export const RECHECKED_STATES: readonly AttemptState[] = ['open', 'pending', 'stopped']

export interface RecheckedAttempt {
  psp_rrn: string
  /** What `/check` said, in a word: the verdict's kind (`ours`, `foreign`, `rejected`, `unknown`, …). */
  verdict: Verdict['kind']
  /** The attempt's outcome as recorded afterwards (`paid`, `pending`, `declined`, `unreadable`, …). */
  outcome: string | null
}

export interface RecheckResult {
  /** The order as stored afterwards. */
  order: Order
  /** One entry per reference asked about, oldest first; empty when there was nothing to ask. */
  asked: RecheckedAttempt[]
  /** References not asked about because their answer is final or not the order's. */
  skipped: number
}

/**
 * Asks `/check` now about every reference of `order` that may still change it, one after another
 * (each answer may move the order; the next is judged against the order as it then is).
 */
export async function recheckOrder(deps: CheckDeps, order: Order): Promise<RecheckResult> {
  const attempts = await deps.store.attempts(order.client_rrn)
  const due = attempts.filter((attempt) => RECHECKED_STATES.includes(attempt.state))
  let current = order
  const asked: RecheckedAttempt[] = []
  for (const attempt of due) {
    const checked = await checkAttempt(deps, current, attempt)
    current = checked.order
    asked.push({ psp_rrn: attempt.psp_rrn, verdict: checked.verdict.kind, outcome: null })
  }
  if (asked.length > 0) {
    const after = new Map((await deps.store.attempts(order.client_rrn)).map((a) => [a.psp_rrn, a]))
    for (const entry of asked) entry.outcome = after.get(entry.psp_rrn)?.outcome ?? null
  }
  deps.logger.info(
    {
      event: 'order.rechecked',
      client_rrn: order.client_rrn,
      asked: asked.length,
      from: order.status,
      to: current.status,
    },
    'operator recheck',
  )
  return { order: current, asked, skipped: attempts.length - due.length }
}
