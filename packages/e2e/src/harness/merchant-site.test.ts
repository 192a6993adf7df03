import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { embedPage, readmeScript } from './embed.ts'
import { type MerchantSite, startMerchantSite } from './merchant-site.ts'

describe('merchant site', () => {
  let site: MerchantSite
  beforeAll(async () => {
    site = await startMerchantSite()
  })
  afterAll(() => site.close())

  it('serves added pages with their headers, also when the return adds a query string', async () => {
    const url = site.add({
      path: '/shop',
      html: '<p>hi</p>',
      headers: { 'content-security-policy': "default-src 'none'" },
    })
    const res = await fetch(`${url}?portmanat_status=paid&client_rrn=x`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'")
    expect(await res.text()).toBe('<p>hi</p>')
    expect((await fetch(`${site.origin}/nope`)).status).toBe(404)
  })

  it('serves the shop stylesheet and a font that has the manat sign', async () => {
    const css = await fetch(`${site.origin}/shop.css`)
    expect(css.headers.get('content-type')).toContain('text/css')
    const face = await (await fetch(`${site.origin}/fonts/400.css`)).text()
    const file = /url\(\.\/(files\/noto-sans-latin-ext-400-normal\.woff2)\)/.exec(face)?.[1]
    expect(face).toContain('U+20AD-20C0')
    const font = await fetch(`${site.origin}/fonts/${file}`)
    expect(font.headers.get('content-type')).toBe('font/woff2')
    expect((await fetch(`${site.origin}/fonts/../package.json`)).status).toBe(404)
  })

  it('is on an origin of its own', () => {
    expect(site.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })
})

describe('embedPage', () => {
  it('loads the widget with the README snippet and no script or style of its own', () => {
    const html = embedPage({
      script: readmeScript('http://127.0.0.1:8787'),
      elements: [{ item: 'premium' }],
    })
    expect(html).toContain('<script src="http://127.0.0.1:8787/widget.js" async></script>')
    expect(html).toContain('<portmanat-checkout item="premium"></portmanat-checkout>')
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html).toContain('<link rel="stylesheet" href="/shop.css">')
    expect(html).not.toContain('<style')
    expect(html).not.toContain('style=')
  })

  it('writes the SRI attributes and escapes attribute values', () => {
    const html = embedPage({
      script: { src: 'http://s/widget/1.0.0/widget.js', integrity: 'sha384-abc', crossorigin: 'anonymous' },
      elements: [{ item: 'a"b', 'show-price': true }],
    })
    expect(html).toContain('integrity="sha384-abc" crossorigin="anonymous"')
    expect(html).toContain('item="a&quot;b" show-price>')
  })
})
