import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from './harness/axe.ts'
import { fullPageScreenshot } from './harness/full-page.ts'
import { waitForStatus } from './harness/ledger.ts'
import { continueToBank, futureExpiry, payWithCard, TEST_CARDS } from './harness/sandbox-pages.ts'
import { README_SCREENSHOT_DIR } from './harness/screenshots.ts'
import { useNotoOnServerPages } from './harness/server-font.ts'
import { useE2e } from './harness/suite.ts'
import { plainText } from './harness/widget.ts'

const MERCHANT_KEY = 'e2e-merchant-key-0123456789abcdef'
const e2e = useE2e({ serverEnv: { MERCHANT_API_KEY: MERCHANT_KEY } })

/** A buyer whose browser runs no script at all, with a font that has the manat sign (screenshots). */
async function buyerWithoutScripts(options: { locale?: string; width?: number } = {}) {
  const session = await e2e.buyer({
    javaScriptEnabled: false,
    locale: options.locale ?? 'en-US',
    viewport: { width: options.width ?? 1280, height: 800 },
  })
  await useNotoOnServerPages(session.context, e2e.server.url)
  return session
}

/** The reference of the order on the page that sends the buyer to the PSP. */
const orderOnRedirectPage = (page: Page) =>
  page.locator('#psp-form input[name="client_rrn"]').getAttribute('value')

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

describe('a buyer without JavaScript pays through the hosted payment page', () => {
  it('follows the fallback link of <portmanat-checkout>, presses Pay, the button to the PSP, the card, and sees "paid"', async () => {
    const { page } = await buyerWithoutScripts()
    // The README's fallback: the widget's element with a plain link inside, for browsers without scripts.
    const shop = e2e.site.add({
      path: '/fallback',
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<link rel="stylesheet" href="/shop.css"><script src="${e2e.server.url}/widget.js" async></script></head>
<body><main><h1>Premium plan</h1>
<portmanat-checkout item="premium"><a href="${e2e.server.url}/pay/premium">Pay 5.23 ₼</a></portmanat-checkout>
</main></body></html>`,
    })
    await page.goto(shop)
    await page.getByRole('link', { name: 'Pay 5.23 ₼' }).click()

    await page.waitForURL(`${e2e.server.url}/pay/premium`)
    await page.getByRole('heading', { name: 'Premium plan' }).waitFor()
    expect(await plainText(page.locator('.pay-amount'))).toBe('₼5.23')
    await fullPageScreenshot(page, 'pay-page')
    if (process.env.E2E_README_SCREENSHOT) await fullPageScreenshot(page, 'pay-page', README_SCREENSHOT_DIR)
    await page.getByRole('button', { name: 'Pay ₼5.23' }).click()

    // No script ran: the signed form to the PSP waits for the buyer's press.
    await page.getByRole('heading', { name: 'Going to the payment page' }).waitFor()
    const clientRrn = (await orderOnRedirectPage(page)) ?? ''
    expect(clientRrn).toMatch(/^[a-z0-9]{24}$/)
    await fullPageScreenshot(page, 'pay-redirect-no-js')
    await page.getByRole('button', { name: 'Continue to payment' }).click()

    await continueToBank(page, e2e.server.url)
    await payWithCard(page, TEST_CARDS.paid)
    await page.waitForURL((url) => url.pathname === `/pay/r/${clientRrn}`)
    await page.getByRole('heading', { name: 'Payment received' }).waitFor()
    await fullPageScreenshot(page, 'pay-result-paid')
    expect((await waitForStatus(e2e.server.url, clientRrn, 'paid')).amount).toBe('5.23')
  })

  it('pays a payment link (the pay_url of a merchant order) with scripts off, in Azerbaijani at 320 px', async () => {
    const created = await fetch(`${e2e.server.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MERCHANT_KEY}` },
      body: JSON.stringify({
        amount: '35.00',
        title: 'Tort sifarişi — 2 kq',
        description: 'Şokoladlı, çatdırılma ilə',
      }),
    })
    const { pay_url, client_rrn } = (await created.json()) as { pay_url: string; client_rrn: string }
    const { page } = await buyerWithoutScripts({ locale: 'az-AZ', width: 320 })
    await page.goto(pay_url)
    await page.getByRole('heading', { name: 'Tort sifarişi — 2 kq' }).waitFor()
    expect(await overflow(page)).toBe(0)
    await fullPageScreenshot(page, 'pay-link-320-az')
    await page.getByRole('button', { name: '35,00 ₼ ödə' }).click()
    await page.getByRole('heading', { name: 'Ödəniş səhifəsinə keçid' }).waitFor()
    expect(await orderOnRedirectPage(page)).toBe(client_rrn)
    await fullPageScreenshot(page, 'pay-redirect-320-az')
    await page.getByRole('button', { name: 'Ödənişə davam et' }).click()
    await page.getByRole('button', { name: /Davam|Continue/ }).click()
    await page.getByLabel(/Kart nömrəsi|Card number/).fill('4242 4242 4242 4242')
    await page.getByLabel(/Bitmə tarixi|Expiry date/).fill(futureExpiry())
    await page.getByLabel('CVV').fill('123')
    await page.getByRole('button', { name: /ödə|Pay/i }).click()
    // No return_url on this order: the callback's own result page.
    await page.getByRole('heading', { name: 'Ödəniş qəbul edildi' }).waitFor()
    await waitForStatus(e2e.server.url, client_rrn, 'paid')
    // The link, paid, now says so.
    await page.goto(pay_url)
    await page.getByRole('heading', { name: 'Ödəniş qəbul edildi' }).waitFor()
    expect(await overflow(page)).toBe(0)
    await fullPageScreenshot(page, 'pay-link-paid-320-az')
  })

  it('shows a pending payment on a page that refreshes itself until the bank answers', async () => {
    const { page } = await buyerWithoutScripts({ locale: 'ru-RU', width: 320 })
    await page.goto(`${e2e.server.url}/pay/premium`)
    await page.getByRole('button', { name: 'Оплатить 5,23 ₼' }).click()
    const clientRrn = (await orderOnRedirectPage(page)) ?? ''
    await page.getByRole('button', { name: 'Перейти к оплате' }).click()
    await page.getByRole('button', { name: /Продолжить|Continue/ }).click()
    await page.getByLabel(/Номер карты|Card number/).fill(TEST_CARDS.pending)
    await page.getByLabel(/Срок действия|Expiry date/).fill(futureExpiry())
    await page.getByLabel('CVV').fill('123')
    await page.getByRole('button', { name: /Оплатить|Pay/ }).click()
    await page.getByRole('heading', { name: 'Платёж проверяется' }).waitFor()
    expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toMatch(
      /^5; url=\/pay\/r\//,
    )
    expect(await overflow(page)).toBe(0)
    await fullPageScreenshot(page, 'pay-result-pending-320-ru')
    await fetch(`${e2e.server.url}/sandbox/_sandbox/settle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_rrn: clientRrn, outcome: 'paid' }),
    })
    // The browser reloads the page by itself (no script): the next one says paid.
    await page.getByRole('heading', { name: 'Оплата получена' }).waitFor({ timeout: 20_000 })
    await fullPageScreenshot(page, 'pay-result-paid-320-ru')
  })

  it('with scripts on, the page to the PSP sends itself, under the CSP; every page passes axe, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context, diagnostics } = await e2e.buyer({ colorScheme })
      await useNotoOnServerPages(context, e2e.server.url)
      await page.goto(`${e2e.server.url}/pay/cheap`)
      expect(await axeViolations(page)).toEqual([])
      if (colorScheme === 'dark') await fullPageScreenshot(page, 'pay-page-dark')
      await page.getByRole('button', { name: 'Pay ₼1.00' }).click()
      // Straight on to the PSP's check page: the script file submitted the signed form.
      await continueToBank(page, e2e.server.url)
      await payWithCard(page, TEST_CARDS.declined)
      await page.getByRole('heading', { name: 'Payment failed' }).waitFor()
      expect(await axeViolations(page)).toEqual([])
      await page.getByRole('link', { name: 'Try again' }).waitFor()
      await fullPageScreenshot(page, `pay-result-failed-${colorScheme}`)
      expect(diagnostics.cspViolations).toEqual([])
      expect(diagnostics.problems).toEqual([])
    }
  })
})
