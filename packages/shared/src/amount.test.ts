import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  canonicalAmount,
  formatMoney,
  formatSum,
  MAX_QEPIK,
  matchLocale,
  parseAmount,
  toCanonical,
} from './amount.ts'

const qepik = fc.integer({ min: 1, max: MAX_QEPIK })

describe('parseAmount', () => {
  it.each([
    ['5', 500],
    ['5.2', 520],
    ['5.23', 523],
    ['0.01', 1],
    ['0.5', 50],
    ['9999999.99', MAX_QEPIK],
    ['1234567', 123_456_700],
  ])('accepts %j as %i qəpik', (input, expected) => {
    expect(parseAmount(input)).toEqual({ ok: true, qepik: expected })
  })

  it.each([
    ['0', 'zero'],
    ['0.00', 'zero'],
    ['-1', 'format'],
    ['1e3', 'format'],
    ['5.234', 'too_many_decimals'],
    [' 5', 'format'],
    ['5 ', 'format'],
    ['5,23', 'format'],
    ['0x10', 'format'],
    ['NaN', 'format'],
    ['Infinity', 'format'],
    ['', 'empty'],
    ['10000000', 'too_large'],
    ['10000000.00', 'too_large'],
    ['99999999999999999999', 'too_large'],
    ['05', 'format'],
    ['5.', 'format'],
    ['.5', 'format'],
    ['+5', 'format'],
    ['٥', 'format'],
    ['5\n', 'format'],
  ])('rejects %j with reason %s', (input, error) => {
    const result = parseAmount(input)
    expect(result).toMatchObject({ ok: false, error })
    expect(result.ok ? '' : result.message).not.toBe('')
  })

  it('rejects values that are not strings', () => {
    for (const input of [5, 5.23, null, undefined, {}, [], true, 10n]) {
      expect(parseAmount(input)).toMatchObject({ ok: false, error: 'not_a_string' })
    }
  })

  it('round-trips every chargeable amount through its canonical string', () => {
    fc.assert(
      fc.property(qepik, (q) => {
        const text = toCanonical(q)
        expect(text).toMatch(/^(0|[1-9]\d{0,6})\.\d{2}$/)
        expect(parseAmount(text)).toEqual({ ok: true, qepik: q })
        expect(canonicalAmount(text)).toBe(text)
      }),
    )
  })

  it('gives the same qəpik for the short forms as for the canonical one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 0, max: 9 }), (whole, tenth) => {
        expect(parseAmount(`${whole}`)).toEqual(parseAmount(`${whole}.00`))
        expect(parseAmount(`${whole}.${tenth}`)).toEqual(parseAmount(`${whole}.${tenth}0`))
      }),
    )
  })

  it('rejects everything outside the grammar', () => {
    const grammar = /^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$/
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 14 }), (input) => {
        fc.pre(!grammar.test(input))
        expect(parseAmount(input).ok).toBe(false)
      }),
      { numRuns: 2000 },
    )
  })

  it('rejects strings built from amount characters that break the grammar', () => {
    const chars = fc.constantFrom('0', '1', '5', '9', '.', ',', '-', '+', 'e', ' ', 'x')
    const grammar = /^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$/
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 12 }), (input) => {
        const result = parseAmount(input)
        if (!grammar.test(input)) expect(result.ok).toBe(false)
        else if (result.ok) expect(result.qepik).toBeLessThanOrEqual(MAX_QEPIK)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('toCanonical', () => {
  it.each([
    [500, '5.00'],
    [520, '5.20'],
    [523, '5.23'],
    [1, '0.01'],
    [MAX_QEPIK, '9999999.99'],
  ])('writes %i as %s', (q, text) => {
    expect(toCanonical(q)).toBe(text)
  })

  it.each([0, -1, 1.5, Number.NaN, MAX_QEPIK + 1])('refuses %s', (q) => {
    expect(() => toCanonical(q)).toThrow(RangeError)
  })
})

describe('formatMoney', () => {
  it.each([
    [523, 'az', '5,23\u00a0₼'],
    [523, 'en', '₼5.23'],
    [523, 'ru', '5,23\u00a0₼'],
    [123_450, 'az', '1.234,50\u00a0₼'],
    [123_450, 'en', '₼1,234.50'],
    [123_450, 'ru', '1\u00a0234,50\u00a0₼'],
    [MAX_QEPIK, 'en', '₼9,999,999.99'],
  ] as const)('formats %i in %s as %j', (q, locale, text) => {
    expect(formatMoney(q, locale)).toBe(text)
  })

  it('keeps the digits of the canonical string in every locale', () => {
    fc.assert(
      fc.property(qepik, fc.constantFrom('az', 'en', 'ru' as const), (q, locale) => {
        const digits = (s: string) => s.replace(/\D/g, '')
        expect(digits(formatMoney(q, locale))).toBe(digits(toCanonical(q)))
      }),
    )
  })
})

describe('matchLocale', () => {
  it.each([
    ['az', 'az'],
    ['az-Latn-AZ', 'az'],
    ['ru-RU', 'ru'],
    ['EN_us', 'en'],
    ['de', undefined],
    ['', undefined],
    [null, undefined],
  ])('maps %j to %j', (tag, locale) => {
    expect(matchLocale(tag)).toBe(locale)
  })
})

describe('formatSum', () => {
  it('formats zero and sums beyond one order’s limit like formatMoney formats an amount', () => {
    expect(formatSum(0, 'en')).toBe('₼0.00')
    expect(formatSum(0, 'az')).toBe('0,00\u00a0₼')
    expect(formatSum(523, 'ru')).toBe(formatMoney(523, 'ru'))
    expect(formatSum(123_456_789_012, 'az')).toBe('1.234.567.890,12\u00a0₼')
    expect(() => formatSum(-1, 'en')).toThrow(RangeError)
    expect(() => formatSum(1.5, 'en')).toThrow(RangeError)
  })
})
