import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { shopPage } from './harness/pages.ts'
import { useE2e } from './harness/suite.ts'
import { nextCheckout, widget } from './harness/widget.ts'

const e2e = useE2e()

/** Where focus is, seen from inside the element's (open) shadow root. */
const focusIn = (host: Locator) =>
  host.evaluate((element) => {
    const root = element.shadowRoot
    const active = root?.activeElement ?? null
    const dialog = root?.querySelector('dialog') ?? null
    const outside = document.activeElement
    return {
      hostFocused: outside === element,
      // Focus on something of the page's own, outside the widget.
      onPage: outside !== null && outside !== document.body && outside !== element,
      onPayButton: active !== null && active === root?.querySelector('button'),
      inDialog: active !== null && dialog?.contains(active) === true,
      label: active?.textContent?.trim() ?? null,
    }
  })

describe('keyboard only', () => {
  it('Tab to Pay, Enter opens the modal, Tab never reaches the page behind it, Escape closes it, focus returns', async () => {
    const { page, diagnostics } = await e2e.buyer()
    await page.goto(shopPage(e2e, { item: 'premium', locale: 'en' }))
    const { host, payButton, dialog } = widget(page)
    await payButton.waitFor()

    // The page has nothing focusable before the widget, so the first Tab reaches the button.
    await page.keyboard.press('Tab')
    expect(await focusIn(host)).toMatchObject({ hostFocused: true, onPayButton: true })

    const checkout = nextCheckout(page)
    await page.keyboard.press('Enter')
    const order = await checkout
    await dialog.getByText(order.client_rrn).waitFor()
    await expect.poll(() => focusIn(host)).toMatchObject({ inDialog: true })
    // The page behind does not scroll while the modal is open.
    const overflow = () => page.evaluate(() => getComputedStyle(document.documentElement).overflowY)
    expect(await overflow()).toBe('hidden')

    // A native modal dialog: the page behind is inert, so Tab and Shift+Tab go round the dialog's
    // controls and the browser's own (headless: nothing focused), never to the page.
    const visited = new Set<string | null>()
    for (const key of [...Array(8).fill('Tab'), ...Array(8).fill('Shift+Tab')]) {
      await page.keyboard.press(key)
      const focus = await focusIn(host)
      expect(focus.onPage, `after ${key}`).toBe(false)
      if (focus.inDialog) visited.add(focus.label)
    }
    // Close, Cancel and Pay: the cycle goes round the dialog's controls, not one of them.
    expect(visited.size).toBeGreaterThanOrEqual(3)

    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await overflow()).toBe('visible')
    await expect.poll(() => focusIn(host)).toMatchObject({ hostFocused: true, onPayButton: true })
    await expect.poll(() => diagnostics.widgetEvents.map((event) => event.type)).toContain('portmanat:cancel')
  })
})
