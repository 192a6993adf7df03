import { formatMoney, LOCALES, MAX_QEPIK, toCanonical } from '@portmanat-checkout/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { money } from './money.ts'

describe('money', () => {
  it('writes what shared formatMoney writes, for any amount and every locale', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_QEPIK }), fc.constantFrom(...LOCALES), (qepik, locale) => {
        expect(money(toCanonical(qepik), locale)).toBe(formatMoney(qepik, locale))
      }),
      { numRuns: 5000 },
    )
  })

  it('groups thousands per locale', () => {
    expect(money('2499.00', 'az')).toBe('2.499,00\xa0₼')
    expect(money('2499.00', 'ru')).toBe('2\xa0499,00\xa0₼')
    expect(money('9999999.99', 'en')).toBe('₼9,999,999.99')
    expect(money('0.05', 'en')).toBe('₼0.05')
    for (const amount of ['1.00', '12.30', '123.45', '1234.56', '12345.67', '123456.78'])
      for (const locale of LOCALES)
        expect(money(amount, locale)).toBe(formatMoney(+amount.replace('.', ''), locale))
  })
})
