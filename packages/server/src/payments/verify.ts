/**
 * Turns a `/check` answer into a change of one order. This is where a callback stops being a
 * hint: an order is paid only when the PSP says code 0 for a body whose `client_rrn` and amount
 * are the order's own (and, in live mode, that is not a test-mode payment).
 */
import type { CheckResult, ReturnStatus } from '@portmanat-checkout/shared'
import { type Ledger, moveOrder } from './ledger.ts'
import type { Order, Transition } from './store/types.ts'

/** What a `/check` answer means for an order. */
export type Verdict =
  | { kind: 'move'; change: Transition }
  /** Code 1 on an order that is already pending: only the follow-up schedule changes. */
  | { kind: 'still_pending' }
  /** `/check` could not be asked or answered nonsense: nothing is known, ask again later. */
  | { kind: 'unknown'; why: string }
  /** The PSP refused the `psp_rrn` (BAD 10/20): the hint was wrong, the order stays as it is. */
  | { kind: 'bad_hint'; why: string }
  /** The `psp_rrn` is another payment's while the order has its own: a tamper attempt, no change. */
  | { kind: 'foreign_hint'; why: string; detail: Record<string, unknown> }

/** Delays of the server's own follow-up checks, by attempt; after the last it stops asking. */
export const FOLLOW_UP_DELAYS_S = [
  10,
  30,
  60,
  300,
  900,
  1800,
  3600,
  3 * 3600,
  6 * 3600,
  12 * 3600,
  24 * 3600,
] as const

/** After the schedule above, a still-pending order is asked once a day, up to this many checks (~30 days). */
export const FOLLOW_UP_MAX_ATTEMPTS = 40

/** When the follow-up check number `attempt` (0-based) is due, or null when it gives up. */
export function nextCheckAt(now: Date, attempt: number): string | null {
  if (attempt >= FOLLOW_UP_MAX_ATTEMPTS) return null
  const delay = FOLLOW_UP_DELAYS_S[attempt] ?? 24 * 3600
  return new Date(now.getTime() + delay * 1000).toISOString()
}

const OPEN = ['created', 'pending'] as const

/** Decides, without side effects, what a `/check` answer does to an order. */
export function judge(order: Order, psp_rrn: string, result: CheckResult, live: boolean, now: Date): Verdict {
  switch (result.kind) {
    case 'unreadable':
      return { kind: 'unknown', why: result.reason }
    case 'rejected':
      return { kind: 'bad_hint', why: `BAD ${result.code}: ${result.description}` }
    default:
  }
  const body = result.body
  const detail = { code: result.code, psp_rrn }
  if (
    body &&
    (body.client_rrn !== order.client_rrn || (result.kind === 'paid' && body.qepik !== order.qepik))
  ) {
    const evidence = { ...detail, client_rrn: body.client_rrn, amount: body.amount }
    // The order already knows its own payment at the PSP, and this reference is another one:
    // it says nothing about this order. Failing the order here would let anyone who saw its
    // client_rrn (in a return URL, say) stop a real pending payment from ever being recorded.
    if (order.psp_rrn && order.psp_rrn !== psp_rrn) {
      return { kind: 'foreign_hint', why: 'the psp_rrn belongs to another payment', detail: evidence }
    }
    // The offending reference goes to the event log only: the order keeps its own psp_rrn.
    return { kind: 'move', change: { from: OPEN, to: 'failed', reason: 'mismatch', detail: evidence } }
  }
  const rrns = { psp_rrn, ...(body?.bank_rrn ? { bank_rrn: body.bank_rrn } : {}) }
  if (result.kind === 'paid') {
    if (live && result.body.test) {
      return { kind: 'move', change: { from: OPEN, to: 'failed', reason: 'test_mode', ...rrns, detail } }
    }
    // A verified payment wins over anything but itself: money has moved for this exact order.
    return {
      kind: 'move',
      change: {
        from: ['created', 'pending', 'failed', 'expired'],
        to: 'paid',
        reason: null,
        ...rrns,
        next_check_at: null,
        detail,
      },
    }
  }
  if (result.kind === 'failed') {
    return {
      kind: 'move',
      change: { from: OPEN, to: 'failed', reason: 'declined', ...rrns, next_check_at: null, detail },
    }
  }
  if (order.status === 'pending') return { kind: 'still_pending' }
  return {
    kind: 'move',
    change: {
      from: ['created'],
      to: 'pending',
      ...rrns,
      check_attempts: 0,
      next_check_at: nextCheckAt(now, 0),
      detail,
    },
  }
}

/** Maps an order's state to what the buyer's return URL is told. */
export function returnStatus(order: Order): ReturnStatus {
  if (order.status === 'paid') return 'paid'
  if (order.status === 'failed' || order.status === 'expired') return 'failed'
  return 'pending'
}

/**
 * Applies a verdict; returns the order as it is afterwards (re-read when a concurrent request
 * moved it first, so the caller always reports the stored truth).
 */
export async function applyVerdict(ledger: Ledger, order: Order, verdict: Verdict): Promise<Order> {
  if (verdict.kind !== 'move') return order
  const { change } = verdict
  if (change.reason === 'mismatch') {
    ledger.logger.warn(
      { event: 'security.mismatch', client_rrn: order.client_rrn, detail: change.detail },
      '/check answer does not match the order',
    )
  }
  if (!change.from.includes(order.status)) return order
  const moved = await moveOrder(ledger, order, change)
  return moved ?? (await ledger.store.getOrder(order.client_rrn)) ?? order
}
