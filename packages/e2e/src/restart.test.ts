import { describe, expect, it } from 'vitest'
import { waitForStatus } from './harness/ledger.ts'
import { backOn, shopPage } from './harness/pages.ts'
import { continueToBank, payWithCard, TEST_CARDS, waitForCheckPage } from './harness/sandbox-pages.ts'
import { useE2e } from './harness/suite.ts'
import { confirm, openSummary, widget } from './harness/widget.ts'

const e2e = useE2e()

describe('the server restarts mid-payment', () => {
  it('between checkout and callback: same port and database, the payment still completes', async () => {
    const { page } = await e2e.buyer()
    const url = shopPage(e2e, { item: 'premium', locale: 'en' })
    await page.goto(url)
    const order = await openSummary(page)
    await confirm(page)
    await waitForCheckPage(page, e2e.server.url)

    // Graceful shutdown on SIGTERM exits 0; the new process reads the same SQLite file and
    // sandbox state file.
    expect(await e2e.server.stop()).toEqual({ code: 0, signal: null })
    await e2e.server.restart()

    await continueToBank(page, e2e.server.url)
    await payWithCard(page, TEST_CARDS.paid)
    await page.waitForURL(backOn(url))
    await widget(page).dialog.getByText('Payment received').waitFor()
    await waitForStatus(e2e.server.url, order.client_rrn, 'paid')
  })
})
