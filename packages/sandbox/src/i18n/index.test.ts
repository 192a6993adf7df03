import { describe, expect, it } from 'vitest'
import { fromAcceptLanguage, pickLocale, STRINGS } from './index.ts'

describe('pickLocale', () => {
  it('takes ?lang=, then the form field, then Accept-Language, then az', () => {
    expect(pickLocale({ query: 'ru', field: 'en', acceptLanguage: 'en' })).toBe('ru')
    expect(pickLocale({ field: 'en', acceptLanguage: 'ru' })).toBe('en')
    expect(pickLocale({ acceptLanguage: 'ru-RU,ru;q=0.9' })).toBe('ru')
    expect(pickLocale({ query: 'de', field: 'fr', acceptLanguage: 'de-DE' })).toBe('az')
    expect(pickLocale({})).toBe('az')
  })
})

describe('fromAcceptLanguage', () => {
  it('honours q weights and skips what it does not speak', () => {
    expect(fromAcceptLanguage('de, en;q=0.5, ru;q=0.8')).toBe('ru')
    expect(fromAcceptLanguage('en;q=0, az')).toBe('az')
    expect(fromAcceptLanguage('*')).toBeUndefined()
    expect(fromAcceptLanguage(';;;,,q=')).toBeUndefined()
  })
})

describe('STRINGS', () => {
  it('has the same keys in every locale, and no empty string', () => {
    const keys = (value: object): string[] =>
      Object.entries(value).flatMap(([key, item]) =>
        typeof item === 'object' ? keys(item).map((inner) => `${key}.${inner}`) : [key],
      )
    expect(keys(STRINGS.az)).toEqual(keys(STRINGS.en))
    expect(keys(STRINGS.ru)).toEqual(keys(STRINGS.en))
    for (const table of Object.values(STRINGS)) {
      for (const value of Object.values(table))
        if (typeof value === 'string') expect(value.trim()).not.toBe('')
    }
  })
})
