/**
 * Asks `/check` about one payment attempt of an order and applies the answer: the callback, the
 * follow-up job and the widget's poll all come through here. The answer is recorded on the
 * attempt in the same transaction as any move of the order it causes.
 */
import type { PspClient } from '../psp/client.ts'
import type { Order, PaymentAttempt, Transition } from '../store/types.ts'
import { type Ledger, moveOrder } from './ledger.ts'
import { attemptUpdate, judge, type Verdict } from './verify.ts'

export interface CheckDeps extends Ledger {
  psp: PspClient
}

export interface Checked {
  /** The order as stored afterwards. */
  order: Order
  verdict: Verdict
}

/**
 * `/check` about `attempt.psp_rrn`, judged for `order`.
 * @param options.attempts how many times the PSP client may try (the poll asks once)
 */
export async function checkAttempt(
  deps: CheckDeps,
  order: Order,
  attempt: PaymentAttempt,
  options: { attempts?: number } = {},
): Promise<Checked> {
  const { store, psp, clock, logger, config } = deps
  const result = await psp.check(attempt.psp_rrn, options)
  const now = clock()
  const verdict = judge(order, attempt.psp_rrn, result, {
    live: config.mode === 'live',
    serviceId: config.serviceId,
  })
  const update = attemptUpdate(verdict, attempt, now)
  const where = { client_rrn: order.client_rrn, psp_rrn: attempt.psp_rrn }

  let change: Transition | null = null
  switch (verdict.kind) {
    case 'ours':
      change = verdict.change
      if (verdict.outcome === 'mismatch') {
        logger.error(
          { event: 'security.amount_mismatch', ...where, detail: verdict.detail },
          'the PSP reports a payment of another amount for this order: held as failed for the operator',
        )
      }
      break
    case 'foreign':
      logger.warn(
        { event: 'security.foreign_payment', ...where, outcome: verdict.outcome, detail: verdict.detail },
        '/check answers about another payment: the order is not changed',
      )
      break
    case 'unattributed':
      logger.warn(
        { event: 'security.unattributed', ...where, code: verdict.code },
        '/check answer names no order',
      )
      break
    case 'rejected':
      logger.warn(
        { event: 'security.bad_hint', ...where, why: verdict.why },
        'the PSP does not know this psp_rrn',
      )
      // The PSP no longer knows a payment it once called this order's own and pending: nothing
      // will ever settle it, so the order ends failed instead of pending forever.
      if (attempt.state === 'pending' && order.status === 'pending') {
        change = {
          from: ['pending'],
          to: 'failed',
          reason: 'unknown_rrn',
          detail: { psp_rrn: attempt.psp_rrn, why: verdict.why },
        }
      }
      break
    case 'unknown':
      logger.warn(
        { event: 'check.unavailable', ...where, why: verdict.why },
        '/check unavailable; asked again later',
      )
      break
  }
  if (update.state === 'stopped') {
    logger.warn(
      { event: 'followup.stopped', ...where, checks: update.checks },
      'follow-up stopped asking about a reference',
    )
  }

  if (change?.from.includes(order.status)) {
    const moved = await moveOrder(deps, order, change, { psp_rrn: attempt.psp_rrn, update })
    return { order: moved ?? (await store.getOrder(order.client_rrn)) ?? order, verdict }
  }
  await store.updateAttempt(order.client_rrn, attempt.psp_rrn, update, now)
  return { order, verdict }
}
