import { describe, expect, it } from 'vitest'
import { getPayment, waitForStatus } from './harness/ledger.ts'
import { backOn, shopPage } from './harness/pages.ts'
import { cancelOnSandbox, continueToBank, waitForCheckPage } from './harness/sandbox-pages.ts'
import { useE2e } from './harness/suite.ts'
import { confirm, nextCheckout, openSummary, widget } from './harness/widget.ts'

const e2e = useE2e()

describe('the buyer cancels', () => {
  it('in the modal: no navigation, portmanat:cancel fired, the order is not paid', async () => {
    const { page, diagnostics } = await e2e.buyer()
    const url = shopPage(e2e, { item: 'premium', locale: 'en' })
    await page.goto(url)
    let navigations = 0
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1
    })
    const order = await openSummary(page)
    const { dialog, payButton } = widget(page)
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    await dialog.waitFor({ state: 'hidden' })
    await expect.poll(() => diagnostics.widgetEvents.map((event) => event.type)).toContain('portmanat:cancel')
    expect(navigations).toBe(0)
    expect(page.url()).toBe(url)
    await payButton.waitFor()
    expect((await getPayment(e2e.server.url, order.client_rrn))?.status).not.toBe('paid')
  })

  it.each([
    ['the check page', false],
    ['the bank page', true],
  ])(
    'on %s: back on the shop with "not completed" and Try again, the ledger says cancelled',
    async (_where, onBankPage) => {
      const { page } = await e2e.buyer()
      const url = shopPage(e2e, { item: 'premium', locale: 'en' })
      await page.goto(url)
      const order = await openSummary(page)
      await confirm(page)
      if (onBankPage) await continueToBank(page, e2e.server.url)
      else await waitForCheckPage(page, e2e.server.url)
      await cancelOnSandbox(page)

      await page.waitForURL(backOn(url))
      const { dialog } = widget(page)
      await dialog.getByRole('heading', { name: 'Payment not completed' }).waitFor()
      expect(await dialog.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true)
      expect(await dialog.textContent()).not.toMatch(/declined|failed/i)
      expect(await waitForStatus(e2e.server.url, order.client_rrn, 'failed')).toMatchObject({
        reason: 'cancelled',
      })
      // Try again: a new order, the cancelled one stays as it is.
      const next = nextCheckout(page)
      await dialog.getByRole('button', { name: 'Try again' }).click()
      expect((await next).client_rrn).not.toBe(order.client_rrn)
    },
  )
})
