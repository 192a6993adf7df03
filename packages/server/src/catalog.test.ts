import { describe, expect, it } from 'vitest'
import { DEMO_CATALOG, parseCatalog, textIn } from './catalog.ts'

describe('parseCatalog', () => {
  it('reads items into integer qəpik', () => {
    const parsed = parseCatalog({
      items: { coffee: { title: 'Coffee', amount: '24.9', description: 'beans' } },
    })
    expect(parsed.ok && parsed.catalog.get('coffee')).toEqual({
      id: 'coffee',
      title: 'Coffee',
      qepik: 2490,
      description: 'beans',
      maxQuantity: 1,
    })
  })

  it('reads titles and descriptions per language, and how many an order may take', () => {
    const parsed = parseCatalog({
      items: {
        coffee: {
          title: { az: 'Qəhvə', en: 'Coffee', ru: 'Кофе' },
          amount: '24.90',
          description: { en: 'beans' },
          max_quantity: 10,
        },
      },
    })
    expect(parsed.ok && parsed.catalog.get('coffee')).toEqual({
      id: 'coffee',
      title: { az: 'Qəhvə', en: 'Coffee', ru: 'Кофе' },
      qepik: 2490,
      description: { en: 'beans' },
      maxQuantity: 10,
    })
  })

  it.each([
    [{ items: { coffee: { title: 'Coffee', amount: 24.9 } } }, /items\.coffee\.amount/],
    [{ items: { coffee: { title: 'Coffee', amount: '24.999' } } }, /more than two decimals/],
    [{ items: { 'Bad Id': { title: 'x', amount: '1.00' } } }, /\[a-z0-9_-\]/],
    [{ items: { coffee: { title: '', amount: '1.00' } } }, /title is empty/],
    [{ items: { coffee: { title: 'x', amount: '1.00', price: '2' } } }, /price/],
    [{ products: {} }, /./],
    [{ items: { coffee: { title: {}, amount: '1.00' } } }, /title/],
    [{ items: { coffee: { title: { de: 'Kaffee' }, amount: '1.00' } } }, /title/],
    [{ items: { coffee: { title: { az: '' }, amount: '1.00' } } }, /title/],
    [
      { items: { coffee: { title: 'x', amount: '1.00', max_quantity: 0 } } },
      /max_quantity must be at least 1/,
    ],
    [{ items: { coffee: { title: 'x', amount: '1.00', max_quantity: 1000 } } }, /at most 999/],
    [{ items: { coffee: { title: 'x', amount: '1.00', max_quantity: 2.5 } } }, /whole number/],
    [{ items: { coffee: { title: 'x', amount: '1.00', max_quantity: '3' } } }, /must be a number/],
    [
      { items: { coffee: { title: 'x', amount: '9999999.99', max_quantity: 2 } } },
      /amount × max_quantity is above 9999999.99/,
    ],
  ])('refuses %j', (input, message) => {
    const parsed = parseCatalog(input)
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.message).toMatch(message)
  })
})

describe('textIn', () => {
  it('picks the language asked for, else the first the catalog has (az, en, ru)', () => {
    expect(textIn('Coffee', 'ru')).toBe('Coffee')
    expect(textIn({ az: 'Qəhvə', en: 'Coffee', ru: 'Кофе' }, 'ru')).toBe('Кофе')
    expect(textIn({ en: 'Coffee', ru: 'Кофе' }, 'az')).toBe('Coffee')
    expect(textIn({ ru: 'Кофе' }, null)).toBe('Кофе')
  })

  it('has the demo catalog in all three languages', () => {
    for (const item of DEMO_CATALOG.values())
      for (const locale of ['az', 'en', 'ru'] as const) {
        expect(typeof item.title === 'object' && item.title[locale]).toBeTruthy()
        expect(typeof item.description === 'object' && item.description[locale]).toBeTruthy()
      }
  })
})
