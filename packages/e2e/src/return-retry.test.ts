import { describe, expect, it } from 'vitest'
import { confirmAndPay } from './harness/flows.ts'
import { waitForStatus } from './harness/ledger.ts'
import { shopPage } from './harness/pages.ts'
import { TEST_CARDS } from './harness/sandbox-pages.ts'
import { useE2e } from './harness/suite.ts'
import { openSummary, widget } from './harness/widget.ts'

const e2e = useE2e()

describe('back on the shop while the payment server does not answer', () => {
  it('keeps checking, never says the payment could not start, and cleans the address only once paid', async () => {
    const { page } = await e2e.buyer()
    const url = shopPage(e2e, { item: 'premium', locale: 'en' })
    await page.goto(url)
    const order = await openSummary(page)
    // The first two looks at the payment fail, as on a flaky connection.
    let failures = 2
    await page.route('**/api/payments/*', (route) =>
      failures-- > 0 ? route.abort('connectionrefused') : route.continue(),
    )
    await confirmAndPay(page, e2e.server.url, url, TEST_CARDS.paid)
    const { dialog } = widget(page)
    await dialog.getByRole('heading', { name: 'Payment is processing' }).waitFor()
    expect(new URL(page.url()).searchParams.get('client_rrn')).toBe(order.client_rrn)
    await dialog.getByRole('heading', { name: 'Payment received' }).waitFor()
    expect(await dialog.getByText(/could not start/i).count()).toBe(0)
    await expect.poll(() => new URL(page.url()).search).toBe('')
    await waitForStatus(e2e.server.url, order.client_rrn, 'paid')
  })
})
