import { describe, expect, it } from 'vitest'
import { waitForStatus } from './harness/ledger.ts'
import { continueToBank, payWithCard, TEST_CARDS } from './harness/sandbox-pages.ts'
import { screenshot } from './harness/screenshots.ts'
import { useE2e } from './harness/suite.ts'
import { confirm, nextCheckout, widget } from './harness/widget.ts'

const e2e = useE2e()

describe("the server's own demo shop (what `pnpm start` shows)", () => {
  it('sells the catalog through real widgets under the server CSP, with no violation', async () => {
    const { page, diagnostics } = await e2e.buyer()
    const home = `${e2e.server.url}/`
    await page.goto(home)
    // Our CATALOG, not the built-in demo one: one widget per item.
    await expect.poll(() => page.locator('portmanat-checkout').count()).toBe(3)
    await screenshot(page, 'demo-shop')

    const { payButton, dialog } = widget(page)
    await payButton.waitFor()
    const checkout = nextCheckout(page)
    await payButton.click()
    const order = await checkout
    await dialog.getByText(order.client_rrn).waitFor()
    await confirm(page)
    await continueToBank(page, e2e.server.url)
    await payWithCard(page, TEST_CARDS.paid)

    await page.waitForURL((url) => url.href.startsWith(home) && new URL(url).pathname === '/')
    await dialog.getByText('Payment received').waitFor()
    await waitForStatus(e2e.server.url, order.client_rrn, 'paid')
    expect(diagnostics.cspViolations).toEqual([])
    // The browser's own favicon request may 404; anything else on the console is a problem.
    expect(diagnostics.problems.filter((line) => !line.includes('/favicon.ico'))).toEqual([])
  })
})
