import { describe, expect, it } from 'vitest'
import { localeFromHeader, STRINGS, stringsFor } from './i18n.ts'

describe('page strings', () => {
  it('has every string in every language', () => {
    const keys = Object.keys(STRINGS.en).sort()
    expect(Object.keys(STRINGS.az).sort()).toEqual(keys)
    expect(Object.keys(STRINGS.ru).sort()).toEqual(keys)
  })

  it('picks the best supported language by weight', () => {
    expect(localeFromHeader('fr-FR,ru;q=0.8,en;q=0.9')).toBe('en')
    expect(localeFromHeader('ru-RU')).toBe('ru')
    expect(localeFromHeader('de')).toBeUndefined()
    expect(localeFromHeader(undefined)).toBeUndefined()
  })

  it("prefers the order's locale, then the browser's, then Azerbaijani", () => {
    expect(stringsFor('ru', 'en').lang).toBe('ru')
    expect(stringsFor(null, 'en-GB').lang).toBe('en')
    expect(stringsFor(null, undefined).lang).toBe('az')
  })
})
