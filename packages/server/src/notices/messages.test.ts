import { LOCALES } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import { bakuTime, NOTICE_STRINGS, orderLink } from './messages.ts'

describe('notice strings', () => {
  it('say every sentence in every language', () => {
    const keys = Object.keys(NOTICE_STRINGS.en)
    for (const locale of LOCALES) {
      expect(Object.keys(NOTICE_STRINGS[locale])).toEqual(keys)
      for (const text of Object.values(NOTICE_STRINGS[locale])) expect(text.trim()).not.toBe('')
    }
    // Translated, not copied: the sentences differ from the English ones.
    for (const key of ['heading', 'testMode', 'viewOrder', 'footer'] as const) {
      expect(NOTICE_STRINGS.az[key]).not.toBe(NOTICE_STRINGS.en[key])
      expect(NOTICE_STRINGS.ru[key]).not.toBe(NOTICE_STRINGS.en[key])
    }
  })
})

describe('bakuTime', () => {
  it('writes UTC+4 the way each language does, across midnight and the year end', () => {
    expect(bakuTime('2026-12-31T21:30:00.000Z', 'az')).toBe('01.01.2027 01:30 (Bakı vaxtı)')
    expect(bakuTime('2026-12-31T21:30:00.000Z', 'en')).toBe('2027-01-01 01:30 (Baku time)')
    expect(bakuTime('2026-06-01T08:05:00+02:00', 'ru')).toBe('01.06.2026 10:05 (по бакинскому времени)')
  })
})

describe('orderLink', () => {
  it('points at the order in the dashboard, or nowhere without one', () => {
    expect(orderLink('https://pay.example.az/dashboard/', 'abc_-1')).toBe(
      'https://pay.example.az/dashboard/orders/abc_-1',
    )
    expect(orderLink(null, 'abc')).toBeNull()
  })
})
