/**
 * Re-checks a pending order with the PSP when a widget polls `GET /api/payments/:client_rrn`, so
 * a pending payment shows as paid within seconds of the bank's answer instead of at the next
 * follow-up run. Only `pending` orders (whose own reference is known) are asked about: a poll of
 * any other order costs nothing but its read. Bounded: at most one check per order every
 * `minIntervalMs` in this process, one at a time per order, and the poll waits at most `waitMs`.
 */
import type { Order } from '../store/types.ts'
import { type CheckDeps, checkAttempt } from './check-attempt.ts'

export interface RecheckOptions {
  /** @default 3000 */
  minIntervalMs?: number
  /** @default 1500 */
  waitMs?: number
  /** Orders remembered for the interval. @default 10000 */
  maxTracked?: number
}

export type Recheck = (order: Order) => Promise<Order>

export const createRecheck = (
  deps: CheckDeps,
  { minIntervalMs = 3000, waitMs = 1500, maxTracked = 10_000 }: RecheckOptions = {},
): Recheck => {
  const lastAsked = new Map<string, number>()
  const inFlight = new Map<string, Promise<Order>>()

  async function run(order: Order, psp_rrn: string): Promise<Order> {
    const attempt = (await deps.store.attempts(order.client_rrn)).find((a) => a.psp_rrn === psp_rrn)
    if (attempt?.state !== 'pending') return order
    return (await checkAttempt(deps, order, attempt, { attempts: 1 })).order
  }

  return async function recheck(order) {
    if (order.status !== 'pending' || !order.psp_rrn) return order
    let running = inFlight.get(order.client_rrn)
    if (!running) {
      const now = deps.clock().getTime()
      if (now - (lastAsked.get(order.client_rrn) ?? Number.NEGATIVE_INFINITY) < minIntervalMs) return order
      if (lastAsked.size >= maxTracked) lastAsked.clear()
      lastAsked.set(order.client_rrn, now)
      running = run(order, order.psp_rrn)
        .catch((error: unknown) => {
          deps.logger.error(
            { event: 'recheck.error', client_rrn: order.client_rrn, err: error },
            'recheck failed',
          )
          return order
        })
        .finally(() => inFlight.delete(order.client_rrn))
      inFlight.set(order.client_rrn, running)
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<Order>((done) => {
      timer = setTimeout(() => done(order), waitMs)
    })
    try {
      return await Promise.race([running, timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}
