import { describe, expect, it } from 'vitest'
import { hiddenField } from '../dashboard/test-operator.ts'
import { PAY_FORM_TTL_MS } from '../pay/form-token.ts'
import { storeFactories } from '../testing/engines.ts'
import {
  BUYER_IP,
  createHarness,
  type Harness,
  MERCHANT,
  MERCHANT_KEY,
  PUBLIC_URL,
  TEST_CARDS,
} from '../testing/harness.ts'

const form = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
})

/** Every hidden field of the form with `id`, as a browser would post it. */
function formFields(html: string, id: string): { action: string; fields: Record<string, string> } {
  const block = new RegExp(`<form method="post" action="([^"]+)" id="${id}">(.*?)</form>`, 's').exec(html)
  if (!block) throw new Error(`no form #${id} in:\n${html}`)
  const fields: Record<string, string> = {}
  for (const [, name = '', value = ''] of (block[2] ?? '').matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
  )) {
    fields[name] = value.replaceAll('&amp;', '&').replaceAll('&quot;', '"')
  }
  return { action: (block[1] ?? '').replaceAll('&amp;', '&'), fields }
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

/** The buyer's way without scripts: the page, Pay, the signed form to the PSP. */
async function pressPay(h: Harness, path: string, headers: Record<string, string> = {}) {
  const page = await h.request(path, { headers })
  expect(page.status).toBe(200)
  const html = await page.text()
  const token = hiddenField(html, 'form') ?? ''
  const locale = hiddenField(html, 'locale') ?? ''
  const res = await h.request(path, form({ form: token, locale }, headers))
  return { res, token, locale }
}

describe.each(storeFactories)('the hosted payment page on $name', (store) => {
  it('shows a catalog item with its price and a Pay form that needs no script, under the pages’ CSP', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/pay/premium', { headers: { 'accept-language': 'ru-RU,ru;q=0.9' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    expect(html).toContain('<html lang="ru">')
    expect(html).toContain('<h1 id="pay-title">Premium plan</h1>')
    expect(html).toContain('5,23\u00a0₼')
    expect(html).toMatch(/<form method="post" action="\/pay\/premium">/)
    expect(html).toContain('Оплатить 5,23\u00a0₼')
    expect(html).not.toMatch(/<script|\sstyle=|<style/)
    expect(await (await h.request('/pay/premium?lang=en')).text()).toContain('Pay ₼5.23')
    const unknown = await h.request('/pay/nothing')
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain('Bu məhsul burada satılmır.')
  })

  it('takes a whole payment without JavaScript: Pay, the signed form, the card, back to our result page', async () => {
    const h = await createHarness({ store })
    const { res } = await pressPay(h, '/pay/premium', { 'accept-language': 'en' })
    expect(res.status).toBe(200)
    const html = await res.text()
    const psp = formFields(html, 'psp-form')
    // The PSP form posts to {PSP}/process (with the buyer's language, once the widget branch lands).
    expect(psp.action.startsWith(`${h.config.pspUrl}/process`)).toBe(true)
    expect(psp.fields).toMatchObject({ amount: '5.23', client_ip: BUYER_IP, service_id: h.config.serviceId })
    expect(psp.fields.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(html).toContain('<button type="submit" class="button">Continue to payment</button>')
    expect(html).toContain('<script src="/assets/pay-redirect.js" defer=""></script>')
    const order = await h.store.getOrder(psp.fields.client_rrn ?? '')
    expect(order).toMatchObject({
      status: 'created',
      qepik: 523,
      item_id: 'premium',
      locale: 'en',
      client_ip: BUYER_IP,
    })
    expect(order?.return_url).toBe(`${PUBLIC_URL}/pay/r/${order?.client_rrn}`)

    const psp_rrn = await h.startPayment(psp.fields)
    const back = await h.request(await h.payWithCard(psp_rrn, TEST_CARDS.paid))
    expect(back.status).toBe(303)
    const location = new URL(back.headers.get('location') ?? '')
    expect(`${location.origin}${location.pathname}`).toBe(`${PUBLIC_URL}/pay/r/${order?.client_rrn}`)
    expect(location.searchParams.get('portmanat_status')).toBe('paid')
    const result = await h.request(`${location.pathname}${location.search}`)
    expect(result.status).toBe(200)
    const resultHtml = await result.text()
    expect(text(resultHtml)).toContain('Payment received')
    expect(resultHtml).not.toContain('http-equiv="refresh"')
    expect((await h.store.getOrder(order?.client_rrn ?? ''))?.status).toBe('paid')
  })

  it('takes the price from the catalog, never from the form', async () => {
    const h = await createHarness({ store })
    const html = await (await h.request('/pay/expensive')).text()
    const res = await h.request(
      '/pay/expensive',
      form({
        form: hiddenField(html, 'form') ?? '',
        locale: 'az',
        amount: '0.01',
        price: '0.01',
        item: 'cheap',
      }),
    )
    const psp = formFields(await res.text(), 'psp-form')
    expect(psp.fields.amount).toBe('2499.00')
    expect((await h.store.getOrder(psp.fields.client_rrn ?? ''))?.qepik).toBe(249_900)
  })

  it('makes one order of a double submit of the same page', async () => {
    const h = await createHarness({ store })
    const { res, token, locale } = await pressPay(h, '/pay/premium')
    const first = formFields(await res.text(), 'psp-form')
    const again = formFields(
      await (await h.request('/pay/premium', form({ form: token, locale }))).text(),
      'psp-form',
    )
    expect(again.fields).toEqual(first.fields)
    const orders = await h.store.listOrders({}, { limit: 10 })
    expect(orders.orders).toHaveLength(1)
    // Once that order went its way, the same page sends the buyer to its result instead of paying twice.
    const psp_rrn = await h.startPayment(first.fields)
    await h.request(await h.payWithCard(psp_rrn, TEST_CARDS.paid))
    const third = await h.request('/pay/premium', form({ form: token, locale }))
    expect(third.status).toBe(303)
    expect(third.headers.get('location')).toBe(`/pay/r/${first.fields.client_rrn}`)
  })

  it('refuses a form without our signed token, with another page’s, or from another site; creates nothing', async () => {
    const h = await createHarness({ store })
    const html = await (await h.request('/pay/premium')).text()
    const token = hiddenField(html, 'form') ?? ''
    const cheapToken = hiddenField(await (await h.request('/pay/cheap')).text(), 'form') ?? ''
    const refused = [
      await h.request('/pay/premium', form({ locale: 'az' })),
      await h.request(
        '/pay/premium',
        form({ form: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, locale: 'az' }),
      ),
      await h.request('/pay/premium', form({ form: cheapToken, locale: 'az' })),
      // A body that is no readable form (a broken multipart) was a 500.
      await h.request('/pay/premium', {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
        body: '{}',
      }),
    ]
    for (const res of refused) {
      expect(res.status).toBe(400)
      const page = await res.text()
      expect(page).toContain('Forma qəbul edilmədi')
      // A fresh form to press Pay again.
      expect(hiddenField(page, 'form')).toMatch(/^\d+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/)
    }
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }] as Record<
      string,
      string
    >[]) {
      const res = await h.request('/pay/premium', form({ form: token, locale: 'az' }, headers))
      expect(res.status).toBe(403)
    }
    expect((await h.store.listOrders({}, { limit: 10 })).orders).toHaveLength(0)
    const ours = await h.request(
      '/pay/premium',
      form({ form: token, locale: 'az' }, { origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' }),
    )
    expect(ours.status).toBe(200)
  })

  it('asks to press Pay again on a page left open too long', async () => {
    let now = new Date('2026-11-28T10:00:00.000Z')
    const h = await createHarness({ store, clock: () => now })
    const html = await (await h.request('/pay/premium?lang=en')).text()
    now = new Date(now.getTime() + PAY_FORM_TTL_MS + 1000)
    const res = await h.request('/pay/premium', form({ form: hiddenField(html, 'form') ?? '', locale: 'en' }))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('This page was open for a long time. Press Pay again.')
  })

  it('limits Pay per client address, with a readable page', async () => {
    const h = await createHarness({ store, env: { RATE_LIMIT: '2' } })
    for (let i = 0; i < 2; i++) expect((await pressPay(h, '/pay/cheap')).res.status).toBe(200)
    const { res } = await pressPay(h, '/pay/cheap', { 'accept-language': 'en' })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('60')
    expect(await res.text()).toContain('Too many attempts')
  })

  it('gives the same form from another address a page of its own, not the first buyer’s order', async () => {
    const h = await createHarness({ store, env: { TRUST_PROXY: '1' } })
    const { res, token } = await pressPay(h, '/pay/premium', { 'x-forwarded-for': '198.51.100.1' })
    const first = formFields(await res.text(), 'psp-form')
    expect(first.fields.client_ip).toBe('198.51.100.1')
    const other = await h.request(
      '/pay/premium',
      form({ form: token, locale: 'az' }, { 'x-forwarded-for': '198.51.100.2' }),
    )
    expect(other.status).toBe(400)
    expect(await other.text()).not.toContain(first.fields.client_rrn ?? '')
  })

  it('serves the pay_url of a merchant order: its own title and amount, paid through the same way', async () => {
    const h = await createHarness({ store })
    const created = await h.request('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MERCHANT_KEY}` },
      body: JSON.stringify({
        amount: '12.50',
        title: 'Invoice 42',
        description: 'Two hours of work',
        return_url: `${MERCHANT}/paid`,
      }),
    })
    const { pay_url, client_rrn } = (await created.json()) as { pay_url: string; client_rrn: string }
    const path = new URL(pay_url).pathname
    const page = await (await h.request(path, { headers: { 'accept-language': 'en' } })).text()
    expect(page).toContain('<h1 id="pay-title">Invoice 42</h1>')
    expect(page).toContain('Two hours of work')
    expect(page).toContain('Pay ₼12.50')
    const { res } = await pressPay(h, path)
    const psp = formFields(await res.text(), 'psp-form')
    expect(psp.fields).toMatchObject({ client_rrn, amount: '12.50', client_ip: BUYER_IP })
    const psp_rrn = await h.startPayment(psp.fields)
    const back = await h.request(await h.payWithCard(psp_rrn, TEST_CARDS.paid))
    expect(back.headers.get('location')).toBe(
      `${MERCHANT}/paid?portmanat_status=paid&client_rrn=${client_rrn}`,
    )
    // The link, once paid, says so instead of offering Pay again.
    const after = await h.request(path)
    expect(after.status).toBe(303)
    expect(after.headers.get('location')).toBe(`/pay/r/${client_rrn}`)
    expect(text(await (await h.request(`/pay/r/${client_rrn}`)).text())).toContain('Ödəniş qəbul edildi')
    expect((await h.request('/pay/o/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404)
  })

  it('shows a pending payment on a page that refreshes itself, then paid; a declined one with Try again', async () => {
    let now = Date.now()
    const h = await createHarness({ store, clock: () => new Date(now) })
    const { res } = await pressPay(h, '/pay/premium', { 'accept-language': 'en' })
    const psp = formFields(await res.text(), 'psp-form')
    const psp_rrn = await h.startPayment(psp.fields)
    const back = new URL(
      (await h.request(await h.payWithCard(psp_rrn, TEST_CARDS.pending))).headers.get('location') ?? '',
    )
    const path = `${back.pathname}${back.search}`
    const pending = await (await h.request(path)).text()
    expect(text(pending)).toContain('Payment is being checked')
    expect(pending).toContain(
      `<meta http-equiv="refresh" content="5; url=/pay/r/${psp.fields.client_rrn}?portmanat_status=pending"/>`,
    )
    expect(pending).toContain('Check again')
    // A language picked on the page stays through its refreshes.
    const russian = await (await h.request(`${path}&lang=ru`)).text()
    expect(russian).toContain(
      `<meta http-equiv="refresh" content="5; url=/pay/r/${psp.fields.client_rrn}?portmanat_status=pending&amp;lang=ru"/>`,
    )
    h.sandbox.control.settle({ client_rrn: psp.fields.client_rrn }, 'paid')
    now += 5000 // the page's next refresh: the PSP is asked again
    const paid = await (await h.request(path)).text()
    expect(text(paid)).toContain('Payment received')
    expect(paid).not.toContain('http-equiv')

    const declined = await pressPay(h, '/pay/premium', { 'accept-language': 'en' })
    const second = formFields(await declined.res.text(), 'psp-form')
    const rrn2 = await h.startPayment(second.fields)
    const back2 = new URL(
      (await h.request(await h.payWithCard(rrn2, TEST_CARDS.declined))).headers.get('location') ?? '',
    )
    const failed = await (await h.request(`${back2.pathname}${back2.search}`)).text()
    expect(text(failed)).toContain('Payment failed')
    expect(failed).toContain('<a class="button" href="/pay/premium">Try again</a>')
  })

  it('serves the script that sends the PSP form as a file, cacheable', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/assets/pay-redirect.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await res.text()).toContain("getElementById('psp-form')")
    const again = await h.request('/assets/pay-redirect.js', {
      headers: { 'if-none-match': res.headers.get('etag') ?? '' },
    })
    expect(again.status).toBe(304)
  })
})
