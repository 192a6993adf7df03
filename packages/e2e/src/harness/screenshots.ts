import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from 'playwright-core'

/** `packages/e2e/test-results/screenshots` (gitignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url))

/** `packages/e2e/screenshots` (committed, used by the README). */
export const README_SCREENSHOT_DIR = fileURLToPath(new URL('../../screenshots/', import.meta.url))

/** Saves a PNG of a page or of one element as `test-results/screenshots/{name}.png`. */
export const screenshot = async (
  target: Page | Locator,
  name: string,
  dir = SCREENSHOT_DIR,
): Promise<string> => {
  const path = join(dir, `${name}.png`)
  mkdirSync(dirname(path), { recursive: true })
  // Animations off: a screenshot mid-transition would be half transparent.
  await target.screenshot({ path, animations: 'disabled' })
  return path
}
