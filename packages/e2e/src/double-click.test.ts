import type { Page, Request } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { confirmAndPay } from './harness/flows.ts'
import { waitForStatus } from './harness/ledger.ts'
import { shopPage } from './harness/pages.ts'
import { TEST_CARDS } from './harness/sandbox-pages.ts'
import { useE2e } from './harness/suite.ts'
import { nextCheckout, widget } from './harness/widget.ts'

const e2e = useE2e()

/** Counts the page's `POST /api/checkout` requests (a CORS preflight is an OPTIONS, not counted). */
const countCheckoutPosts = (page: Page) => {
  const seen = { posts: 0 }
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/checkout') seen.posts += 1
  })
  return seen
}

describe('double click on Pay', () => {
  it('two clicks on the button make one checkout request and one order, which then pays', async () => {
    const { page } = await e2e.buyer()
    const url = shopPage(e2e, { item: 'premium', locale: 'en' })
    await page.goto(url)
    const seen = countCheckoutPosts(page)
    const { payButton, dialog } = widget(page)
    await payButton.waitFor()
    const checkout = nextCheckout(page)
    // Both clicks land on the button itself, the second while the first request is in flight.
    await payButton.evaluate((button: HTMLElement) => {
      button.click()
      button.click()
    })
    const order = await checkout
    await dialog.getByText(order.client_rrn).waitFor()

    await confirmAndPay(page, e2e.server.url, url, TEST_CARDS.paid)
    await widget(page).dialog.getByText('Payment received').waitFor()
    await waitForStatus(e2e.server.url, order.client_rrn, 'paid')
    expect(seen.posts).toBe(1)
  })

  it('a real mouse double click sends one checkout request and leaves the buyer on the summary', async () => {
    const { page, diagnostics } = await e2e.buyer()
    await page.goto(shopPage(e2e, { item: 'premium', locale: 'en' }))
    const seen = countCheckoutPosts(page)
    const { payButton, dialog } = widget(page)
    await payButton.waitFor()
    const isPost = (request: Request) =>
      request.method() === 'POST' && new URL(request.url()).pathname === '/api/checkout'
    // Settled either way: a request the widget aborted fails rather than answering.
    const settled = Promise.race([
      page.waitForEvent('requestfinished', isPost).then(() => 'answered'),
      page
        .waitForEvent('requestfailed', isPost)
        .then((request) => `aborted: ${request.failure()?.errorText}`),
    ])
    // The second click lands where the button was, which may by then be the modal's backdrop:
    // a double click must not dismiss the modal it just opened.
    await payButton.dblclick()
    const outcome = await settled
    expect({
      checkout: outcome,
      dialogOpen: await dialog.isVisible(),
      events: diagnostics.widgetEvents.map((event) => event.type),
    }).toEqual({ checkout: 'answered', dialogOpen: true, events: [] })
    await dialog.getByRole('button', { name: /^Pay/ }).waitFor()
    expect(seen.posts).toBe(1)
  })
})
