import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/** The WCAG 2.1 A and AA rules of axe-core. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * axe-core's violations of WCAG 2.1 AA on the page as it is now, one readable line each. Preload
 * is off: it re-reads `@import`ed stylesheets through inline `<style>` elements, which the pages'
 * CSP refuses (and reports as violations); it serves only the orientation-lock rule.
 */
export const axeViolations = async (page: Page): Promise<string[]> => {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).options({ preload: false }).analyze()
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
}
