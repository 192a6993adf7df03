import { describe, expect, it } from 'vitest'
import { checkoutAnswer, paymentAnswer } from '../testing/fake-server.ts'
import { isPayment, isSummary } from './answers.ts'

describe('the checks of answers', () => {
  const redirect = checkoutAnswer().redirect
  it.each([
    ['a canonical order with an http(s) redirect of string fields', checkoutAnswer(), true],
    ['a quantity', { ...checkoutAnswer(), quantity: 2 }, true],
    ['a javascript: URL', checkoutAnswer({ redirect: { ...redirect, url: 'javascript:alert(1)' } }), false],
    ['a relative URL', checkoutAnswer({ redirect: { ...redirect, url: '/pay' } }), false],
    ['an amount that is not canonical', checkoutAnswer({ amount: '5.230' }), false],
    ['a zero amount', checkoutAnswer({ amount: '0.00' }), false],
    ['fields for another amount', checkoutAnswer({ amount: '6.00' }), false],
    [
      'a field that is not a string',
      { ...checkoutAnswer(), redirect: { ...redirect, fields: { amount: '5.23', hash: 1 } } },
      false,
    ],
    ['no redirect', { ...checkoutAnswer(), redirect: undefined }, false],
    ['a title that is not text', { ...checkoutAnswer(), title: { type: 'img' } }, false],
    ['a description that is not text', { ...checkoutAnswer(), description: 7 }, false],
    ['a quantity that is not a whole number', { ...checkoutAnswer(), quantity: '2' }, false],
    ['not an object', 'ok', false],
  ])('isSummary: %s → %s', (_, body, ok) => {
    expect(isSummary(body)).toBe(ok)
  })

  it('isPayment wants a known status and a canonical amount; a reason may come along', () => {
    expect(isPayment(paymentAnswer('paid'))).toBe(true)
    expect(isPayment({ ...paymentAnswer('failed'), reason: 'cancelled' })).toBe(true)
    expect(isPayment({ ...paymentAnswer('paid'), status: 'refunded' })).toBe(false)
    expect(isPayment({ ...paymentAnswer('paid'), amount: 5.23 })).toBe(false)
  })
})
