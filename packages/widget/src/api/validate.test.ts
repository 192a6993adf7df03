import { describe, expect, it } from 'vitest'
import { checkoutAnswer, paymentAnswer, RRN } from '../testing/fake-server.ts'
import { checkoutResponse, itemResponse, paymentResponse } from './validate.ts'

describe('checkoutResponse', () => {
  it('keeps every field the server sent, in its order', () => {
    const answer = checkoutAnswer()
    const fields = { lang: 'az', ...answer.redirect.fields }
    const parsed = checkoutResponse({ ...answer, redirect: { ...answer.redirect, fields } })
    expect(Object.entries(parsed?.redirect.fields ?? {})).toEqual(Object.entries(fields))
  })

  it.each([
    ['a redirect that is not POST', { redirect: { ...checkoutAnswer().redirect, method: 'GET' } }],
    ['a javascript: URL', { redirect: { ...checkoutAnswer().redirect, url: 'javascript:alert(1)' } }],
    ['a short client_rrn', { client_rrn: 'abc' }],
    ['an amount that is not canonical', { amount: '5,23' }],
    ['fields for another amount', { amount: '6.00' }],
    [
      'a missing hash',
      {
        redirect: {
          ...checkoutAnswer().redirect,
          fields: { service_id: 'd', client_rrn: RRN, amount: '5.23' },
        },
      },
    ],
  ])('refuses %s', (_, overrides) => {
    expect(checkoutResponse({ ...checkoutAnswer(), ...overrides })).toBeUndefined()
  })

  it('refuses non-objects', () => {
    expect(checkoutResponse(null)).toBeUndefined()
    expect(checkoutResponse([])).toBeUndefined()
    expect(checkoutResponse('{}')).toBeUndefined()
  })
})

describe('itemResponse and paymentResponse', () => {
  it('accept the documented shapes', () => {
    expect(itemResponse({ id: 'p', title: 'P', amount: '1.50', description: 'd' })).toEqual({
      id: 'p',
      title: 'P',
      amount: '1.50',
      description: 'd',
    })
    expect(paymentResponse(paymentAnswer('pending'))).toEqual(paymentAnswer('pending'))
  })

  it('refuse unknown statuses and bad amounts', () => {
    expect(paymentResponse({ ...paymentAnswer('paid'), status: 'done' })).toBeUndefined()
    expect(itemResponse({ id: 'p', title: 'P', amount: 1.5 })).toBeUndefined()
  })
})
