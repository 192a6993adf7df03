import { describe, expect, it } from 'vitest'
import { shopPage } from './harness/pages.ts'
import { screenshot } from './harness/screenshots.ts'
import { useE2e } from './harness/suite.ts'
import { openSummary, widget } from './harness/widget.ts'

const e2e = useE2e()

describe('a narrow phone screen', () => {
  it.each([320, 375])(
    'at %i px the summary fits the screen: no sideways scrolling, buttons reachable',
    async (width) => {
      const { page } = await e2e.buyer({ viewport: { width, height: 700 } })
      await page.goto(shopPage(e2e, { item: 'expensive', locale: 'az', 'show-price': true }))
      await openSummary(page)
      const { dialog } = widget(page)

      const box = await dialog.boundingBox()
      expect(box).not.toBeNull()
      expect(box?.x).toBeGreaterThanOrEqual(0)
      expect((box?.x ?? 0) + (box?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(width)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      for (const button of await dialog.getByRole('button').all()) {
        const b = await button.boundingBox()
        expect((b?.x ?? -1) >= 0 && (b?.x ?? 0) + (b?.width ?? Number.POSITIVE_INFINITY) <= width).toBe(true)
      }
      await screenshot(page, `modal-summary-mobile-${width}`)
    },
  )
})
