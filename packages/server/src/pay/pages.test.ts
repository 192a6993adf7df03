import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness, MERCHANT, MERCHANT_KEY } from '../testing/harness.ts'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

/** The href of the language switcher's link to `lang`, as a browser would read it. */
const languageLink = (html: string, lang: string) =>
  /<nav class="pay-lang"[^>]*>.*?<\/nav>/s
    .exec(html)?.[0]
    .match(new RegExp(`<a href="([^"]*)" lang="${lang}"`))?.[1]
    ?.replaceAll('&amp;', '&')

describe.each(storeFactories)('the hosted pages’ language links on $name', (store) => {
  it('keep the result page’s portmanat_status and set lang, so a pending order stays pending', async () => {
    const h = await createHarness({ store })
    const created = await h.request('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MERCHANT_KEY}` },
      body: JSON.stringify({ amount: '12.50', title: 'Invoice 42', return_url: `${MERCHANT}/paid` }),
    })
    const { client_rrn } = (await created.json()) as { client_rrn: string }
    const path = `/pay/r/${client_rrn}?portmanat_status=pending`
    const page = await (await h.request(path, { headers: { 'accept-language': 'ru' } })).text()
    expect(page).toContain('<html lang="ru">')

    const href = languageLink(page, 'en') ?? ''
    const url = new URL(href, 'http://x')
    expect(url.pathname).toBe(`/pay/r/${client_rrn}`)
    expect(url.searchParams.get('portmanat_status')).toBe('pending')
    expect(url.searchParams.get('lang')).toBe('en')

    const english = await (await h.request(href, { headers: { 'accept-language': 'ru' } })).text()
    expect(english).toContain('<html lang="en">')
    expect(text(english)).toContain('Payment is being checked')
  })

  it('on the payment page, point at the page itself with lang', async () => {
    const h = await createHarness({ store })
    const page = await (await h.request('/pay/premium', { headers: { 'accept-language': 'en' } })).text()
    expect(languageLink(page, 'ru')).toBe('/pay/premium?lang=ru')
    expect(languageLink(page, 'az')).toBe('/pay/premium?lang=az')
  })
})
