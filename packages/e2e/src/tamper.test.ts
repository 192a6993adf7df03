import { describe, expect, it } from 'vitest'
import { confirmAndPay } from './harness/flows.ts'
import { getPayment, sandboxPaymentOf, waitForStatus } from './harness/ledger.ts'
import { backOn, shopPage } from './harness/pages.ts'
import { TEST_CARDS, waitForCheckPage } from './harness/sandbox-pages.ts'
import { useE2e } from './harness/suite.ts'
import { confirm, openSummary, widget } from './harness/widget.ts'

const e2e = useE2e()

describe('a buyer tampers with the callback', () => {
  it("reusing a cheap payment's psp_rrn on an expensive order does not pay it", async () => {
    const { page } = await e2e.buyer()

    // A cheap order, really paid.
    const cheapUrl = shopPage(e2e, { item: 'cheap', locale: 'en' })
    await page.goto(cheapUrl)
    const cheap = await openSummary(page)
    await confirmAndPay(page, e2e.server.url, cheapUrl, TEST_CARDS.paid)
    await waitForStatus(e2e.server.url, cheap.client_rrn, 'paid')
    const cheapPsp = (await sandboxPaymentOf(e2e.server.url, cheap.client_rrn)).psp_rrn

    // An expensive order, taken as far as the PSP's check page.
    const expensiveUrl = shopPage(e2e, { item: 'expensive', locale: 'en' })
    await page.goto(expensiveUrl)
    const expensive = await openSummary(page)
    expect(expensive.amount).toBe('2499.00')
    await confirm(page)
    await waitForCheckPage(page, e2e.server.url)

    // The forged callback: the cheap payment's psp_rrn with the expensive order's client_rrn.
    const forged = new URL('/api/callback', e2e.server.url)
    forged.searchParams.set('psp_rrn', cheapPsp)
    forged.searchParams.set('client_rrn', expensive.client_rrn)
    await page.goto(forged.href)

    await page.waitForURL(backOn(expensiveUrl))
    // Another payment's reference changes nothing: the order stays created, "not completed".
    await widget(page).dialog.getByRole('heading', { name: 'Payment not completed' }).waitFor()
    const after = await getPayment(e2e.server.url, expensive.client_rrn)
    expect(after?.status).toBe('created')
    expect((await getPayment(e2e.server.url, cheap.client_rrn))?.status).toBe('paid')
  })
})
