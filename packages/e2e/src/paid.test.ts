import { describe, expect, it } from 'vitest'
import { embedPage, readmeScript } from './harness/embed.ts'
import { getPayment, waitForStatus } from './harness/ledger.ts'
import { continueToBank, payWithCard, TEST_CARDS } from './harness/sandbox-pages.ts'
import { README_SCREENSHOT_DIR, screenshot } from './harness/screenshots.ts'
import { useE2e } from './harness/suite.ts'
import { holdRequests, nextCheckout, plainText, widget } from './harness/widget.ts'

const e2e = useE2e()

describe('a buyer pays with the success card', () => {
  it('goes button → summary → sandbox → bank → back on the shop with "paid", and the ledger agrees', async () => {
    const { page, diagnostics } = await e2e.buyer()
    const url = e2e.site.add({
      path: '/paid',
      html: embedPage({
        script: readmeScript(e2e.server.url),
        elements: [{ item: 'premium', locale: 'en', 'show-price': true }],
      }),
    })
    await page.goto(url)
    const { payButton, dialog } = widget(page)

    // The button shows the catalog's price, fetched from GET /api/items/premium.
    await expect.poll(() => plainText(payButton)).toBe('Pay ₼5.23')
    await screenshot(payButton, 'button')

    // Hold the checkout answer until the loading state is on screen, so it can be photographed.
    const release = await holdRequests(page, '**/api/checkout')
    const checkout = nextCheckout(page)
    await payButton.click()
    await dialog.getByText('Preparing your order…').waitFor()
    await screenshot(page, 'modal-loading')
    release()
    const order = await checkout

    // The summary: title, amount in the buyer's locale, the reference.
    await dialog.getByText(order.client_rrn).waitFor()
    const summary = await plainText(dialog)
    expect(summary).toContain('Confirm your payment')
    expect(summary).toContain('Premium plan')
    expect(summary).toContain('₼5.23')
    expect(order).toMatchObject({ amount: '5.23', title: 'Premium plan' })
    await screenshot(page, 'modal-summary')
    if (process.env.E2E_README_SCREENSHOT) await screenshot(page, 'checkout-modal', README_SCREENSHOT_DIR)
    expect((await getPayment(e2e.server.url, order.client_rrn))?.status).toBe('created')

    await dialog.getByRole('button', { name: /^Pay/ }).click()
    await continueToBank(page, e2e.server.url)
    await payWithCard(page, TEST_CARDS.paid)

    // Back on the merchant's page, which the widget turns into the result.
    await page.waitForURL((u) => u.origin === e2e.site.origin && u.pathname === '/paid')
    await dialog.getByText('Payment received').waitFor()
    await screenshot(page, 'modal-paid')

    const paid = await waitForStatus(e2e.server.url, order.client_rrn, 'paid')
    expect(paid).toMatchObject({ amount: '5.23', title: 'Premium plan' })
    // The widget cleans its parameters out of the address bar once it has read them.
    await expect.poll(() => new URL(page.url()).search).toBe('')
    await expect
      .poll(() => diagnostics.widgetEvents.map((event) => event.type))
      .toContain('portmanat:success')
  })
})
