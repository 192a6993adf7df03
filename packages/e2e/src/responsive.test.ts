import { describe, expect, it } from 'vitest'
import { embedPage, readmeScript } from './harness/embed.ts'
import { shopPage } from './harness/pages.ts'
import { screenshot } from './harness/screenshots.ts'
import { useE2e } from './harness/suite.ts'
import { holdWidgetScript, openSummary, widget } from './harness/widget.ts'

const e2e = useE2e()

describe('the button before the script runs', () => {
  it('keeps its space: nothing below it moves when the widget arrives', async () => {
    const { page } = await e2e.buyer()
    // widget.js arrives only when the test says so.
    const release = await holdWidgetScript(page)
    // An async script holds back `load`, not the page's first paint.
    await page.goto(shopPage(e2e, { item: 'premium', locale: 'en', 'show-price': true }), {
      waitUntil: 'domcontentloaded',
    })
    const below = page.getByRole('link', { name: 'Terms' })
    const before = await below.boundingBox()
    release()
    const { payButton } = widget(page)
    await expect.poll(() => payButton.textContent()).toBe('Pay ₼5.23')
    expect(await below.boundingBox()).toEqual(before)
  })
  it('shows its own children (a fallback link) until the widget loads, then only the Pay button', async () => {
    const { page } = await e2e.buyer()
    const release = await holdWidgetScript(page)
    const url = e2e.site.add({
      path: '/fallback',
      html: embedPage({ script: readmeScript(e2e.server.url), elements: [] }).replace(
        '</main>',
        `<portmanat-checkout item="premium" locale="en"><a href="${e2e.server.url}/pay/premium">Pay on the payment page</a></portmanat-checkout></main>`,
      ),
    })
    await page.goto(url, { waitUntil: 'domcontentloaded' })
    const fallback = page.getByRole('link', { name: 'Pay on the payment page' })
    expect(await fallback.isVisible()).toBe(true)
    release()
    await widget(page).payButton.waitFor()
    expect(await fallback.isVisible()).toBe(false)
  })
})

describe('a narrow phone screen, and a laptop at 200 % zoom', () => {
  // 200 % zoom of a 1280 × 800 window is a 640 × 400 CSS-pixel viewport.
  it.each([
    [320, 700],
    [375, 700],
    [640, 400],
  ])(
    'at %i × %i px the summary fits the screen: no sideways scrolling, buttons reachable',
    async (width, height) => {
      const { page } = await e2e.buyer({ viewport: { width, height } })
      await page.goto(shopPage(e2e, { item: 'expensive', locale: 'az', 'show-price': true }))
      await openSummary(page)
      const { dialog } = widget(page)

      const box = await dialog.boundingBox()
      expect(box).not.toBeNull()
      expect(box?.x).toBeGreaterThanOrEqual(0)
      expect((box?.x ?? 0) + (box?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(width)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      // Taller than the screen, the dialog scrolls inside itself: every button can be reached.
      expect((box?.y ?? -1) >= 0 && (box?.y ?? 0) + (box?.height ?? Number.POSITIVE_INFINITY) <= height).toBe(
        true,
      )
      for (const button of await dialog.getByRole('button').all()) {
        await button.scrollIntoViewIfNeeded()
        const b = await button.boundingBox()
        expect((b?.x ?? -1) >= 0 && (b?.x ?? 0) + (b?.width ?? Number.POSITIVE_INFINITY) <= width).toBe(true)
      }
      await screenshot(page, `modal-summary-${width}x${height}`)
    },
  )
})
