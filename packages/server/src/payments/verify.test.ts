import type { CheckBody, CheckResult } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import { newOrder } from '../store/test-engines.ts'
import type { Order, PaymentAttempt } from '../store/types.ts'
import { attemptUpdate, judge, nextCheckAt } from './verify.ts'

const T0 = new Date('2030-01-01T10:00:00Z')
const ctx = { live: true, serviceId: '200002' }

const order = (overrides: Partial<Order> = {}): Order => ({
  ...newOrder(),
  quantity: 1,
  livemode: true,
  status: 'created',
  reason: null,
  psp_rrn: null,
  bank_rrn: null,
  created_at: T0.toISOString(),
  updated_at: T0.toISOString(),
  ...overrides,
})

const body = (o: Order, overrides: Partial<CheckBody> = {}): CheckBody => ({
  amount: '5.23',
  qepik: o.qepik,
  client_rrn: o.client_rrn,
  psp_rrn: 'P',
  bank_rrn: 'B',
  test: false,
  service_id: '200002',
  ...overrides,
})

const paid = (b: CheckBody): CheckResult => ({ kind: 'paid', code: 0, description: 'OK', body: b })
const failed = (b?: CheckBody): CheckResult => ({
  kind: 'failed',
  code: -1,
  description: 'Request failed',
  ...(b ? { body: b } : {}),
})
const pending = (b?: CheckBody): CheckResult => ({
  kind: 'pending',
  code: 1,
  description: 'Pending',
  ...(b ? { body: b } : {}),
})

const attempt = (overrides: Partial<PaymentAttempt> = {}): PaymentAttempt => ({
  client_rrn: 'x',
  psp_rrn: 'P',
  state: 'open',
  outcome: null,
  checks: 0,
  next_check_at: T0.toISOString(),
  created_at: T0.toISOString(),
  checked_at: null,
  ...overrides,
})

describe('judge', () => {
  it('pays an order only for its own client_rrn, amount and service', () => {
    const o = order()
    expect(judge(o, 'P', paid(body(o)), ctx)).toMatchObject({
      kind: 'ours',
      outcome: 'paid',
      change: { to: 'paid', psp_rrn: 'P', bank_rrn: 'B' },
    })
    expect(judge(o, 'P', paid(body(o, { client_rrn: 'other' })), ctx)).toMatchObject({
      kind: 'foreign',
      outcome: 'foreign_payment',
    })
    expect(judge(o, 'P', paid(body(o, { service_id: '300003' })), ctx)).toMatchObject({
      kind: 'foreign',
      outcome: 'foreign_service',
    })
    expect(judge(o, 'P', paid(body(o, { service_id: '?' })), ctx)).toMatchObject({ kind: 'foreign' })
    expect(judge(o, 'P', paid(body(o, { qepik: 100, amount: '1.00' })), ctx)).toMatchObject({
      kind: 'ours',
      outcome: 'mismatch',
      change: { to: 'failed', reason: 'mismatch' },
    })
    // No service named: the body's client_rrn and amount decide.
    const { service_id: _, ...anonymous } = body(o)
    expect(judge(o, 'P', paid(anonymous), ctx)).toMatchObject({ kind: 'ours', outcome: 'paid' })
  })

  it('never turns a held mismatch or a paid order into anything by itself', () => {
    const held = order({ status: 'failed', reason: 'mismatch' })
    expect(judge(held, 'P', paid(body(held)), ctx)).toMatchObject({
      kind: 'ours',
      outcome: 'paid',
      change: null,
    })
    const done = order({ status: 'paid' })
    expect(judge(done, 'P', paid(body(done, { qepik: 1 })), ctx)).toMatchObject({
      outcome: 'mismatch',
      change: null,
    })
  })

  it('tells a cancel from a decline by the bank reference', () => {
    const o = order()
    expect(judge(o, 'P', failed(body(o)), ctx)).toMatchObject({
      outcome: 'declined',
      change: { reason: 'declined' },
    })
    const { bank_rrn: _, ...noBank } = body(o)
    expect(judge(o, 'P', failed(noBank), ctx)).toMatchObject({
      outcome: 'cancelled',
      change: { reason: 'cancelled' },
    })
  })

  it('an answer that names no order proves nothing', () => {
    const o = order()
    expect(judge(o, 'P', failed(), ctx)).toEqual({ kind: 'unattributed', code: -1 })
    expect(judge(o, 'P', pending(), ctx)).toEqual({ kind: 'unattributed', code: 1 })
  })

  it('live mode: a test-mode payment fails the order; sandbox mode takes it', () => {
    const o = order()
    expect(judge(o, 'P', paid(body(o, { test: true })), ctx)).toMatchObject({
      outcome: 'test_mode',
      change: { reason: 'test_mode' },
    })
    expect(
      judge(o, 'P', paid(body(o, { test: true, service_id: '100001' })), {
        live: false,
        serviceId: '100001',
      }),
    ).toMatchObject({ outcome: 'paid' })
  })

  it('pending moves a created order and leaves a pending one where it is', () => {
    const o = order()
    expect(judge(o, 'P', pending(body(o)), ctx)).toMatchObject({
      outcome: 'pending',
      change: { from: ['created'], to: 'pending' },
    })
    const waiting = order({ status: 'pending' })
    expect(judge(waiting, 'P', pending(body(waiting)), ctx)).toMatchObject({
      outcome: 'pending',
      change: null,
    })
  })
})

describe('nextCheckAt', () => {
  const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)
  it('asks more rarely as a reference grows older, whatever the number of questions, and stops at 30 days', () => {
    expect(nextCheckAt(T0, T0)).toBe(at(10).toISOString())
    expect(nextCheckAt(at(59), T0)).toBe(at(69).toISOString())
    expect(nextCheckAt(at(60), T0)).toBe(at(120).toISOString())
    expect(nextCheckAt(at(3600), T0)).toBe(at(3600 + 1800).toISOString())
    expect(nextCheckAt(at(29 * 86_400), T0)).toBe(at(30 * 86_400).toISOString())
    expect(nextCheckAt(at(30 * 86_400), T0)).toBeNull()
    expect(nextCheckAt(at(30), T0.toISOString())).toBe(at(40).toISOString())
  })
})

describe('attemptUpdate', () => {
  it('schedules open and pending references with backoff and closes the rest', () => {
    const o = order()
    expect(attemptUpdate({ kind: 'unknown', why: 'x' }, attempt({ checks: 2 }), T0)).toEqual({
      state: 'open',
      outcome: 'unreadable',
      checks: 3,
      next_check_at: nextCheckAt(T0, T0),
    })
    expect(attemptUpdate(judge(o, 'P', pending(body(o)), ctx), attempt(), T0)).toMatchObject({
      state: 'pending',
    })
    expect(attemptUpdate(judge(o, 'P', paid(body(o)), ctx), attempt(), T0)).toEqual({
      state: 'settled',
      outcome: 'paid',
      checks: 1,
      next_check_at: null,
    })
    expect(attemptUpdate({ kind: 'rejected', why: 'BAD 20' }, attempt(), T0)).toMatchObject({
      state: 'ignored',
      outcome: 'rejected',
    })
    const old = attempt({ created_at: new Date(T0.getTime() - 31 * 86_400_000).toISOString() })
    expect(attemptUpdate({ kind: 'unknown', why: 'x' }, old, T0)).toMatchObject({
      state: 'stopped',
      next_check_at: null,
    })
  })
})
