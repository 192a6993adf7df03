import { DEMO_SERVICE } from '@portmanat-checkout/sandbox'
import { describe, expect, it } from 'vitest'
import { confirmAndPay } from './harness/flows.ts'
import { waitForStatus } from './harness/ledger.ts'
import { shopPage } from './harness/pages.ts'
import { TEST_CARDS } from './harness/sandbox-pages.ts'
import { useE2e } from './harness/suite.ts'
import { openSummary, widget } from './harness/widget.ts'

const e2e = useE2e()

describe('what the browser receives', () => {
  it('never contains the secret key, and no cookie is set, during a whole payment', async () => {
    const { page, context } = await e2e.buyer()
    const received: Promise<string>[] = []
    page.on('response', (response) => {
      const headers = JSON.stringify(response.headers())
      // Redirects have no body to read; their headers still count.
      received.push(
        response
          .body()
          .then((body) => `${headers}\n${body.toString('utf8')}`)
          .catch(() => headers),
      )
    })

    const url = shopPage(e2e, { item: 'premium', locale: 'en', 'show-price': true })
    await page.goto(url)
    const order = await openSummary(page)
    await confirmAndPay(page, e2e.server.url, url, TEST_CARDS.paid)
    await widget(page).dialog.getByText('Payment received').waitFor()
    await waitForStatus(e2e.server.url, order.client_rrn, 'paid')

    const texts = await Promise.all(received)
    // widget.js, the checkout answer (with the signed form), the PSP pages, the callback, polling.
    expect(texts.length).toBeGreaterThan(8)
    expect(texts.filter((text) => text.includes(DEMO_SERVICE.secret))).toEqual([])
    expect(await context.cookies()).toEqual([])
  })
})
