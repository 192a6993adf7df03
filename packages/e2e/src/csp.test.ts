import { describe, expect, it } from 'vitest'
import { confirmAndPay } from './harness/flows.ts'
import { waitForStatus } from './harness/ledger.ts'
import { shopPage } from './harness/pages.ts'
import { TEST_CARDS } from './harness/sandbox-pages.ts'
import { useE2e } from './harness/suite.ts'
import { openSummary, plainText, widget } from './harness/widget.ts'

const e2e = useE2e()

/** The strictest policy a merchant could run the widget under (in sandbox mode the PSP is the server). */
const strictCsp = (server: string) =>
  [
    "default-src 'none'",
    `script-src ${server}`,
    `connect-src ${server}`,
    `style-src ${server}`,
    "img-src 'self'",
    `form-action ${server}`,
  ].join('; ')

describe('a merchant page with a strict Content-Security-Policy', () => {
  it('runs the whole flow with no CSP violation reported anywhere', async () => {
    const { page, diagnostics } = await e2e.buyer()
    const url = shopPage(
      e2e,
      { item: 'premium', locale: 'en', 'show-price': true },
      // Unstyled: the policy allows no stylesheet from the merchant's own origin.
      { headers: { 'content-security-policy': strictCsp(e2e.server.url) }, styled: false },
    )
    await page.goto(url)
    const { payButton, dialog } = widget(page)
    await expect.poll(() => plainText(payButton)).toBe('Pay ₼5.23')

    const order = await openSummary(page)
    // Styles arrive as constructed stylesheets, which CSP allows: the overlay is really laid out.
    expect(await dialog.evaluate((element) => getComputedStyle(element).display)).not.toBe('inline')
    await confirmAndPay(page, e2e.server.url, url, TEST_CARDS.paid)
    await dialog.getByText('Payment received').waitFor()
    await waitForStatus(e2e.server.url, order.client_rrn, 'paid')

    expect(diagnostics.cspViolations).toEqual([])
    expect(diagnostics.console.filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([])
  })
})
