/**
 * What a `/check` answer about one PSP reference means for one order. This is where a callback
 * stops being a hint: an answer moves an order only when it is about this order's own payment —
 * its client_rrn, its amount, our service (and, live, not a test-mode payment). Pure.
 */
import type { CheckBody, CheckResult, ReturnStatus } from '@portmanat-checkout/shared'
import type { AttemptUpdate, Order, PaymentAttempt, Transition } from '../store/types.ts'

/** What the judge needs to know about us. */
export interface JudgeContext {
  live: boolean
  serviceId: string
}

/** What a `/check` answer means. */
export type Verdict =
  /** `/check` could not be asked or answered nonsense: nothing is known, ask again later. */
  | { kind: 'unknown'; why: string }
  /** The PSP refused the reference (BAD 10/20): the hint was wrong. */
  | { kind: 'rejected'; why: string }
  /** Another payment: another order's client_rrn, or another merchant's service. Changes nothing. */
  | { kind: 'foreign'; outcome: 'foreign_payment' | 'foreign_service'; detail: Record<string, unknown> }
  /** A pending or failed answer with no body: it names no order, so it proves nothing about ours. */
  | { kind: 'unattributed'; code: 1 | -1 }
  /** The order's own payment; `change` is null when the order needs no move (already there). */
  | { kind: 'ours'; outcome: OwnOutcome; change: Transition | null; detail: Record<string, unknown> }

export type OwnOutcome = 'paid' | 'pending' | 'declined' | 'cancelled' | 'mismatch' | 'test_mode'

/**
 * How often a reference is asked about, by its age (since a callback first brought it): every
 * `delay` seconds while younger than `age` seconds. By age, not by how many times it was asked, so
 * that callbacks repeated during a `/check` outage do not push the next question out to hours.
 */
export const FOLLOW_UP_SCHEDULE = [
  { age: 60, delay: 10 },
  { age: 10 * 60, delay: 60 },
  { age: 3600, delay: 5 * 60 },
  { age: 6 * 3600, delay: 30 * 60 },
  { age: 24 * 3600, delay: 2 * 3600 },
  { age: 30 * 24 * 3600, delay: 24 * 3600 },
] as const

/** The most references one order may collect (ignored ones do not count); the oldest are kept. */
export const MAX_ATTEMPTS_PER_ORDER = 5

/**
 * When a reference first seen at `since` is asked about next, or null once it is 30 days old (the
 * follow-up gives up on it).
 */
export function nextCheckAt(now: Date, since: Date | string): string | null {
  const age = (now.getTime() - new Date(since).getTime()) / 1000
  const step = FOLLOW_UP_SCHEDULE.find((candidate) => age < candidate.age)
  return step ? new Date(now.getTime() + step.delay * 1000).toISOString() : null
}

const OPEN = ['created', 'pending'] as const

/** Decides, without side effects, what the `/check` answer about `psp_rrn` does to `order`. */
export function judge(order: Order, psp_rrn: string, result: CheckResult, ctx: JudgeContext): Verdict {
  switch (result.kind) {
    case 'unreadable':
      return { kind: 'unknown', why: result.reason }
    case 'rejected':
      return { kind: 'rejected', why: `BAD ${result.code}: ${result.description}` }
    default:
  }
  const body = result.body
  if (!body) return { kind: 'unattributed', code: result.code === 1 ? 1 : -1 }
  const detail = { code: result.code, psp_rrn }
  if (body.service_id !== undefined && body.service_id !== ctx.serviceId) {
    return { kind: 'foreign', outcome: 'foreign_service', detail: { ...detail, service_id: body.service_id } }
  }
  if (body.client_rrn !== order.client_rrn) {
    return { kind: 'foreign', outcome: 'foreign_payment', detail: { ...detail, client_rrn: body.client_rrn } }
  }
  if (body.qepik !== order.qepik) {
    // Our client_rrn with another amount: only a forged signature or a broken PSP does this. The
    // order is held as failed for the operator; its own psp_rrn is not replaced by this one.
    return {
      kind: 'ours',
      outcome: 'mismatch',
      detail: { ...detail, amount: body.amount },
      change:
        order.status === 'paid' || order.reason === 'mismatch'
          ? null
          : {
              from: ['created', 'pending', 'failed', 'expired'],
              to: 'failed',
              reason: 'mismatch',
              detail: { ...detail, amount: body.amount },
            },
    }
  }
  const rrns = { psp_rrn, ...(body.bank_rrn ? { bank_rrn: body.bank_rrn } : {}) }
  if (result.kind === 'paid') {
    if (ctx.live && body.test) {
      return {
        kind: 'ours',
        outcome: 'test_mode',
        detail,
        change: { from: OPEN, to: 'failed', reason: 'test_mode', ...rrns, detail },
      }
    }
    // A verified payment wins over any failure but a held mismatch: money moved for this order.
    return {
      kind: 'ours',
      outcome: 'paid',
      detail,
      change:
        order.reason === 'mismatch'
          ? null
          : { from: ['created', 'pending', 'failed', 'expired'], to: 'paid', reason: null, ...rrns, detail },
    }
  }
  if (result.kind === 'failed') {
    const reason = declineReason(body)
    return {
      kind: 'ours',
      outcome: reason,
      detail,
      change: { from: OPEN, to: 'failed', reason, ...rrns, detail },
    }
  }
  return {
    kind: 'ours',
    outcome: 'pending',
    detail,
    change: order.status === 'created' ? { from: ['created'], to: 'pending', ...rrns, detail } : null,
  }
}

/** A failure with a bank reference is the bank's decline; without, the buyer left before the bank answered. */
const declineReason = (body: CheckBody): 'declined' | 'cancelled' =>
  body.bank_rrn ? 'declined' : 'cancelled'

/** What the answer does to the attempt it was about. */
export function attemptUpdate(verdict: Verdict, attempt: PaymentAttempt, now: Date): AttemptUpdate {
  const checks = attempt.checks + 1
  const again = (state: 'open' | 'pending', outcome: string): AttemptUpdate => {
    const next = nextCheckAt(now, attempt.created_at)
    return next === null
      ? { state: 'stopped', outcome, checks, next_check_at: null }
      : { state, outcome, checks, next_check_at: next }
  }
  const done = (state: 'settled' | 'ignored', outcome: string): AttemptUpdate => ({
    state,
    outcome,
    checks,
    next_check_at: null,
  })
  switch (verdict.kind) {
    case 'unknown':
      return again(attempt.state === 'pending' ? 'pending' : 'open', 'unreadable')
    case 'rejected':
      return done('ignored', 'rejected')
    case 'foreign':
      return done('ignored', verdict.outcome)
    case 'unattributed':
      return verdict.code === 1 ? again('open', 'unattributed') : done('ignored', 'unattributed')
    case 'ours':
      return verdict.outcome === 'pending' ? again('pending', 'pending') : done('settled', verdict.outcome)
  }
}

/** Maps an order's state to what the buyer's return URL is told. */
export function returnStatus(order: Order): ReturnStatus {
  if (order.status === 'paid') return 'paid'
  if (order.status === 'failed' || order.status === 'expired') return 'failed'
  return 'pending'
}
