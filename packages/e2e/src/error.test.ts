import { describe, expect, it } from 'vitest'
import { shopPage } from './harness/pages.ts'
import { screenshot } from './harness/screenshots.ts'
import { useE2e } from './harness/suite.ts'
import { widget } from './harness/widget.ts'

const e2e = useE2e()

describe('errors the buyer can meet', () => {
  it('an item the catalog does not have: a clear message in the modal, portmanat:error, no navigation', async () => {
    const { page, diagnostics } = await e2e.buyer()
    const url = shopPage(e2e, { item: 'discontinued', locale: 'en' })
    await page.goto(url)
    const { payButton, dialog } = widget(page)
    await payButton.click()
    await dialog.getByText('Could not start the payment').waitFor()
    await dialog.getByRole('alert').getByText('Not available').waitFor()
    await screenshot(page, 'modal-error')
    await expect.poll(() => diagnostics.widgetEvents.map((event) => event.type)).toContain('portmanat:error')
    expect(page.url()).toBe(url)
  })

  it('an item the catalog does not have, with show-price: the button says "Not available" and does nothing', async () => {
    const { page } = await e2e.buyer()
    await page.goto(shopPage(e2e, { item: 'discontinued', locale: 'en', 'show-price': true }))
    const { payButton } = widget(page)
    await expect.poll(() => payButton.textContent()).toBe('Not available')
    expect(await payButton.isDisabled()).toBe(true)
  })

  it('a shop origin missing from ALLOWED_ORIGINS: the modal names the cause, the console names ALLOWED_ORIGINS, the server refuses with 403', async () => {
    const { page, diagnostics } = await e2e.buyer()
    // The same merchant page from another origin (localhost, not 127.0.0.1): not allowed.
    const allowed = new URL(shopPage(e2e, { item: 'premium', locale: 'en' }))
    const url = allowed.href.replace(allowed.hostname, 'localhost')
    await page.goto(url)
    const { payButton, dialog } = widget(page)
    const refused = page.waitForResponse((response) => response.url().endsWith('/api/checkout'))
    await payButton.click()
    expect((await refused).status()).toBe(403)
    await dialog.getByRole('alert').getByText('This website may not take payments here yet.').waitFor()
    // Trying again cannot help: only Close.
    expect(await dialog.getByRole('button', { name: 'Try again' }).count()).toBe(0)
    const origin = new URL(url).origin
    await expect
      .poll(() => diagnostics.problems.join('\n'))
      .toContain(`[portmanat-checkout] add ${origin} to ALLOWED_ORIGINS of ${e2e.server.url}`)
  })

  it('the server is down: the modal says so and offers to try again', async () => {
    const { page } = await e2e.buyer()
    const url = shopPage(e2e, { item: 'premium', locale: 'en' })
    await page.goto(url)
    const { payButton, dialog } = widget(page)
    await payButton.waitFor()
    // The browser cannot reach the server: the network failure a buyer on a bad connection sees.
    await page.route('**/api/checkout', (route) => route.abort('connectionrefused'))
    await payButton.click()
    await dialog.getByText('Could not reach the payment server', { exact: false }).waitFor()
    await dialog.getByRole('button', { name: 'Try again' }).waitFor()
    await screenshot(page, 'modal-error-network')
  })
})
