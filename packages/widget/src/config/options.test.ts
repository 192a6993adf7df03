import { describe, expect, it } from 'vitest'
import { parseOptions, type RawOptions } from './options.ts'

const context = { defaultEndpoint: 'http://127.0.0.1:8787', pageUrl: 'https://shop.az/buy?x=1#top' }
const parse = (raw: RawOptions) => parseOptions(raw, context)

describe('parseOptions', () => {
  it('fills explicit defaults', () => {
    expect(parse({ item: 'premium' })).toEqual({
      ok: true,
      config: {
        item: 'premium',
        endpoint: 'http://127.0.0.1:8787',
        locale: undefined,
        returnUrl: 'https://shop.az/buy?x=1#top',
        label: undefined,
        theme: 'auto',
        showPrice: false,
      },
    })
  })

  it('fails loudly with a prefixed message when the item is missing', () => {
    expect(parse({})).toMatchObject({ ok: false, message: '[portmanat-checkout] item is required' })
    expect(parse({ item: '   ' })).toMatchObject({
      ok: false,
      message: '[portmanat-checkout] item is required',
    })
  })

  it('names each bad value', () => {
    const result = parse({ item: 'a b', locale: 'de', theme: 'pink', endpoint: 'ftp://x' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual([
      'item "a b" must be 1-128 letters, digits, ".", "_", ":", "~" or "-"',
      'endpoint "ftp://x" must be an http(s) URL without query or hash',
      'locale "de" must be one of az, en, ru',
      'theme "pink" must be one of light, dark, auto',
    ])
    expect(result.message.startsWith('[portmanat-checkout] item "a b"')).toBe(true)
  })

  it('rejects an endpoint that is not a URL or carries a query', () => {
    expect(parse({ item: 'a', endpoint: 'not a url' }).ok).toBe(false)
    expect(parse({ item: 'a', endpoint: 'https://pay.az/?x=1' }).ok).toBe(false)
  })

  it('requires an endpoint when widget.js did not provide one', () => {
    const result = parseOptions({ item: 'a' }, { ...context, defaultEndpoint: undefined })
    expect(result).toMatchObject({ ok: false })
    expect(!result.ok && result.message).toContain('endpoint is required')
  })

  it('normalises the endpoint and lets the attribute win over the default', () => {
    const result = parse({ item: 'a', endpoint: 'https://pay.example.az/checkout/' })
    expect(result.ok && result.config.endpoint).toBe('https://pay.example.az/checkout')
  })

  it('accepts locale tags and reads show-price as a boolean attribute', () => {
    const result = parse({ item: 'a', locale: 'ru-RU', 'show-price': '', theme: 'dark' })
    expect(result.ok && result.config).toMatchObject({ locale: 'ru', showPrice: true, theme: 'dark' })
    expect(parse({ item: 'a', 'show-price': 'false' })).toMatchObject({ config: { showPrice: false } })
  })

  it('strips the return parameters from the default return URL and keeps the rest', () => {
    const result = parseOptions(
      { item: 'a' },
      { ...context, pageUrl: 'https://shop.az/p?portmanat_status=paid&x=a%20b&client_rrn=abc#h' },
    )
    expect(result.ok && result.config.returnUrl).toBe('https://shop.az/p?x=a%20b#h')
  })

  it('resolves a relative return-url and refuses other schemes', () => {
    expect(parse({ item: 'a', 'return-url': '/thanks' })).toMatchObject({
      config: { returnUrl: 'https://shop.az/thanks' },
    })
    expect(parse({ item: 'a', 'return-url': 'javascript:alert(1)' }).ok).toBe(false)
  })
})
