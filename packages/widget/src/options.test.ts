import { afterEach, describe, expect, it } from 'vitest'
import { defaults, type OptionName, parseOptions } from './options.ts'

const parse = (options: Partial<Record<OptionName, string>>) => parseOptions((name) => options[name])

afterEach(() => {
  defaults.endpoint = undefined
  history.replaceState(null, '', '/')
})

describe('parseOptions', () => {
  it('fills explicit defaults', () => {
    defaults.endpoint = 'https://pay.example.az'
    history.replaceState(null, '', '/shop?x=1#top')
    expect(parse({ item: 'premium' })).toEqual({
      item: 'premium',
      endpoint: 'https://pay.example.az',
      // The page's: no <html lang>, jsdom's navigator says en-US.
      locale: 'en',
      returnUrl: 'http://localhost:3000/shop?x=1#top',
      label: undefined,
      theme: 'auto',
      showPrice: false,
      quantity: 1,
    })
  })

  it('fails loudly with a prefixed message naming the first problem', () => {
    expect(parse({})).toBe('[portmanat-checkout] item is required')
    expect(parse({ item: 'a' })).toBe('[portmanat-checkout] endpoint is required')
    const base = { item: 'a', endpoint: 'https://x.az' }
    expect(parse({ ...base, item: 'a b', locale: 'de' })).toBe('[portmanat-checkout] invalid item "a b"')
    expect(parse({ ...base, locale: 'de' })).toBe('[portmanat-checkout] invalid locale "de"')
    expect(parse({ ...base, theme: 'pink' })).toBe('[portmanat-checkout] invalid theme "pink"')
  })

  it.each([
    'javascript:alert(1)',
    'ftp://pay.example.az',
    'https://pay.example.az/?x=1',
    'https://pay.example.az/#x',
    'https://user:pw@pay.example.az',
    'pay.example.az',
  ])('refuses the endpoint %s', (endpoint) => {
    expect(parse({ item: 'a', endpoint })).toBe(`[portmanat-checkout] invalid endpoint "${endpoint}"`)
  })

  it('normalises the endpoint and lets the attribute win over the default', () => {
    defaults.endpoint = 'https://default.example.az'
    expect(parse({ item: 'a', endpoint: ' https://pay.example.az/base// ' })).toMatchObject({
      endpoint: 'https://pay.example.az/base',
    })
  })

  it('accepts locale tags and reads show-price as a boolean attribute', () => {
    const base = { item: 'a', endpoint: 'https://pay.example.az' }
    expect(parse({ ...base, locale: 'ru-RU', 'show-price': '' })).toMatchObject({
      locale: 'ru',
      showPrice: true,
    })
    expect(parse({ ...base, 'show-price': 'false' })).toMatchObject({ showPrice: false })
    expect(parse({ ...base, theme: 'dark', label: ' Buy now ' })).toMatchObject({
      theme: 'dark',
      label: 'Buy now',
    })
  })

  it('strips the return parameters from the default return URL and keeps the rest as written', () => {
    history.replaceState(null, '', '/shop?a=%20b&portmanat_status=paid&client_rrn=x&c=d#top')
    expect(parse({ item: 'a', endpoint: 'https://pay.example.az' })).toMatchObject({
      returnUrl: 'http://localhost:3000/shop?a=%20b&c=d#top',
    })
  })

  it('resolves a relative return-url and refuses other schemes', () => {
    const base = { item: 'a', endpoint: 'https://pay.example.az' }
    expect(parse({ ...base, 'return-url': '/thanks?x=1' })).toMatchObject({
      returnUrl: 'http://localhost:3000/thanks?x=1',
    })
    expect(parse({ ...base, 'return-url': 'javascript:alert(1)' })).toBe(
      '[portmanat-checkout] invalid return-url "javascript:alert(1)"',
    )
  })
})
