import { describe, expect, it } from 'vitest'
import { confirmAndPay } from './harness/flows.ts'
import { settle, waitForStatus } from './harness/ledger.ts'
import { shopPage } from './harness/pages.ts'
import { TEST_CARDS } from './harness/sandbox-pages.ts'
import { screenshot } from './harness/screenshots.ts'
import { useE2e } from './harness/suite.ts'
import { openSummary, widget } from './harness/widget.ts'

const e2e = useE2e()

describe('card outcomes other than paid', () => {
  it('a declined card brings the buyer back to "declined", and the ledger says failed: declined', async () => {
    const { page, diagnostics } = await e2e.buyer()
    const url = shopPage(e2e, { item: 'premium', locale: 'en' })
    await page.goto(url)
    const order = await openSummary(page)
    await confirmAndPay(page, e2e.server.url, url, TEST_CARDS.declined)
    const { dialog } = widget(page)
    await dialog.getByRole('heading', { name: 'Payment declined' }).waitFor()
    expect(await dialog.textContent()).toContain('The bank declined the card.')
    expect(await waitForStatus(e2e.server.url, order.client_rrn, 'failed')).toMatchObject({
      reason: 'declined',
    })
    await expect.poll(() => diagnostics.widgetEvents.map((event) => event.type)).toContain('portmanat:error')
  })

  it('a pending card shows "pending", then "paid" once the bank settles it, without a reload', async () => {
    const { page, diagnostics } = await e2e.buyer()
    const url = shopPage(e2e, { item: 'premium', locale: 'en' })
    await page.goto(url)
    const order = await openSummary(page)
    await confirmAndPay(page, e2e.server.url, url, TEST_CARDS.pending)
    const { dialog } = widget(page)
    await dialog.getByText('Payment is processing').waitFor()
    await screenshot(page, 'modal-pending')
    await waitForStatus(e2e.server.url, order.client_rrn, 'pending')

    // A marker on this document: if the widget reloaded the page, it would be gone.
    await page.evaluate(() => document.documentElement.setAttribute('data-e2e-same-document', 'yes'))
    await settle(e2e.server.url, order.client_rrn, 'paid')

    // The widget polls /api/payments; the server re-checks the pending order with the PSP.
    await dialog.getByText('Payment received').waitFor({ timeout: 45_000 })
    await waitForStatus(e2e.server.url, order.client_rrn, 'paid')
    expect(await page.locator('html').getAttribute('data-e2e-same-document')).toBe('yes')
    await expect
      .poll(() => diagnostics.widgetEvents.map((event) => event.type))
      .toEqual(['portmanat:pending', 'portmanat:success'])
  })
})
