import { describe, expect, it } from 'vitest'
import { checkCard, groupCardNumber, luhn, TEST_CARDS } from './cards.ts'

const now = new Date('2026-05-15T12:00:00Z')
const good = { expiry: '12/30', cvv: '123' }

describe('checkCard', () => {
  it.each([
    ['4242 4242 4242 4242', 'paid'],
    ['4000000000000002', 'declined'],
    ['4000 0000 0000 0077', 'pending'],
    [' 4242424242424242 ', 'paid'],
  ])('%s → %s', (number, outcome) => {
    expect(checkCard({ number, ...good }, now)).toEqual({ ok: true, outcome, last4: number.trim().slice(-4) })
  })

  it('says an invalid number is not a card number, Luhn first', () => {
    expect(checkCard({ number: '4242 4242 4242 4241', ...good }, now)).toEqual({
      ok: false,
      errors: { number: 'numberInvalid' },
    })
    expect(checkCard({ number: '4242-4242', ...good }, now)).toMatchObject({
      errors: { number: 'numberInvalid' },
    })
  })

  it('asks for a test card when the number is valid but not a test card', () => {
    expect(checkCard({ number: '5555 5555 5555 4444', ...good }, now)).toMatchObject({
      errors: { number: 'numberNotTest' },
    })
  })

  it('asks for a number when there is none', () => {
    expect(checkCard({ number: '  ', ...good }, now)).toMatchObject({ errors: { number: 'numberMissing' } })
  })

  it.each(['1230', '13/30', '00/30', '1/30', '12/2030', 'ab/cd', ''])('refuses the expiry %j', (expiry) => {
    expect(checkCard({ number: '4242424242424242', expiry, cvv: '123' }, now)).toMatchObject({
      errors: { expiry: 'expiryFormat' },
    })
  })

  it('takes a card as good through the end of its expiry month, in Baku time', () => {
    const card = { number: '4242424242424242', cvv: '123' }
    expect(checkCard({ ...card, expiry: '05/26' }, now).ok).toBe(true)
    expect(checkCard({ ...card, expiry: '04/26' }, now)).toMatchObject({ errors: { expiry: 'expiryPast' } })
    // 30 April 21:00 UTC is already 1 May in Baku.
    expect(checkCard({ ...card, expiry: '04/26' }, new Date('2026-04-30T19:59:00Z')).ok).toBe(true)
    expect(checkCard({ ...card, expiry: '04/26' }, new Date('2026-04-30T20:00:00Z')).ok).toBe(false)
  })

  it.each(['12', '1234', 'abc', ''])('refuses the CVV %j', (cvv) => {
    expect(checkCard({ number: '4242424242424242', expiry: '12/30', cvv }, now)).toMatchObject({
      errors: { cvv: 'cvvFormat' },
    })
  })

  it('reports every problem at once', () => {
    expect(checkCard({ number: '1', expiry: 'x', cvv: 'y' }, now)).toEqual({
      ok: false,
      errors: { number: 'numberInvalid', expiry: 'expiryFormat', cvv: 'cvvFormat' },
    })
  })
})

describe('helpers', () => {
  it('the test cards pass Luhn', () => {
    for (const card of TEST_CARDS) expect(luhn(card.number)).toBe(true)
  })

  it('groups by four', () => {
    expect(groupCardNumber('4000000000000077')).toBe('4000 0000 0000 0077')
  })
})
