// The pages around the widget — the PSP emulator's check and bank pages (in the widget's
// language), the server's demo shop and its own result page — on a 320 px phone and a 375 px
// one, light and dark: nothing wider than the screen, every field in view, and axe-core's WCAG
// 2.1 AA rules find nothing. Screenshots in test-results/screenshots/pages/.
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from './harness/axe.ts'
import { shopPage } from './harness/pages.ts'
import { screenshot } from './harness/screenshots.ts'
import { useNotoOnServerPages } from './harness/server-font.ts'
import { useE2e } from './harness/suite.ts'
import { confirm, openSummary } from './harness/widget.ts'

const e2e = useE2e()

/**
 * Noto Sans on the server's and the sandbox's pages, for the screenshots: no font of a bare Linux
 * image has the manat sign (see `harness/server-font.ts`, whose font files this reuses).
 */
const withNoto = async (context: BrowserContext) => {
  await useNotoOnServerPages(context, e2e.server.url)
  await context.route(`${e2e.server.url}/sandbox/assets/sandbox.css`, async (route) => {
    const response = await route.fetch()
    const css = await response.text()
    await route.fulfill({
      response,
      body: `@import url(/__e2e-fonts/400.css);\n@import url(/__e2e-fonts/700.css);\n${css}\nbody { font-family: 'Noto Sans', system-ui, sans-serif; }\n`,
    })
  })
}

type Theme = 'light' | 'dark'

/** Nothing wider than the screen, and each of `fields` fully inside it. */
const fitsWidth = async (page: Page, width: number, fields: string[] = []) => {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(
    width,
  )
  for (const label of fields) {
    const box = await page.getByLabel(label).boundingBox()
    expect(box && box.x >= 0 && box.x + box.width <= width, `${label} on ${page.url()}`).toBe(true)
  }
}

/** The words of the bank page's fields and button, per language (written out, not imported). */
const BANK = {
  az: { fields: ['Kart nömrəsi', 'Bitmə tarixi', 'CVV'], continue: 'Davam et' },
  en: { fields: ['Card number', 'Expiry date', 'CVV'], continue: 'Continue' },
  ru: { fields: ['Номер карты', 'Срок действия', 'CVV'], continue: 'Продолжить' },
} as const

describe('the PSP emulator’s pages, in the widget’s language', () => {
  it.each([
    ['az', 320, 'light'],
    ['en', 320, 'dark'],
    ['ru', 375, 'light'],
    ['en', 375, 'dark'],
  ] as const)(
    'in %s at %i px, %s: the check and bank pages fit and pass axe',
    async (locale, width, theme) => {
      const { page, context } = await e2e.buyer({ viewport: { width, height: 700 }, colorScheme: theme })
      await withNoto(context)
      await page.goto(shopPage(e2e, { item: 'premium', locale }))
      await openSummary(page)
      await confirm(page)

      await page.waitForURL((url) => url.pathname.startsWith('/sandbox/'))
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale)
      await fitsWidth(page, width)
      expect(await axeViolations(page), `check page, ${locale} ${theme}`).toEqual([])
      await screenshot(page, `pages/sandbox-check-${locale}-${width}-${theme}`)

      await page.getByRole('button', { name: BANK[locale].continue }).click()
      await page.getByLabel(BANK[locale].fields[0]).waitFor()
      await fitsWidth(page, width, [...BANK[locale].fields])
      expect(await axeViolations(page), `bank page, ${locale} ${theme}`).toEqual([])
      await screenshot(page, `pages/sandbox-bank-${locale}-${width}-${theme}`)
    },
  )
})

describe('the server’s own pages', () => {
  it.each([
    [320, 'light'],
    [375, 'dark'],
  ] as const)('the demo shop at %i px, %s: fits and passes axe', async (width, theme: Theme) => {
    const { page, context } = await e2e.buyer({ viewport: { width, height: 800 }, colorScheme: theme })
    await withNoto(context)
    await page.goto(`${e2e.server.url}/`)
    await page.locator('portmanat-checkout').first().getByRole('button').waitFor()
    await fitsWidth(page, width)
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, `pages/demo-shop-${width}-${theme}`)
  })

  it.each(['light', 'dark'] as const)('a result page at 320 px, %s: fits and passes axe', async (theme) => {
    const { page, context } = await e2e.buyer({ viewport: { width: 320, height: 640 }, colorScheme: theme })
    await withNoto(context)
    // A callback for an order the server does not know: its own page, in the buyer's language.
    await page.goto(`${e2e.server.url}/api/callback?psp_rrn=x1&client_rrn=${'0'.repeat(24)}`)
    await page.getByRole('heading').first().waitFor()
    await fitsWidth(page, 320)
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, `pages/result-320-${theme}`)
  })
})
