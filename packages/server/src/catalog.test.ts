import { describe, expect, it } from 'vitest'
import { parseCatalog } from './catalog.ts'

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
    })
  })

  it.each([
    [{ items: { coffee: { title: 'Coffee', amount: 24.9 } } }, /items\.coffee\.amount/],
    [{ items: { coffee: { title: 'Coffee', amount: '24.999' } } }, /more than two decimals/],
    [{ items: { 'Bad Id': { title: 'x', amount: '1.00' } } }, /\[a-z0-9_-\]/],
    [{ items: { coffee: { title: '', amount: '1.00' } } }, /title is empty/],
    [{ items: { coffee: { title: 'x', amount: '1.00', price: '2' } } }, /price/],
    [{ products: {} }, /./],
  ])('refuses %j', (input, message) => {
    const parsed = parseCatalog(input)
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.message).toMatch(message)
  })
})
