import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { SCREENSHOT_DIR } from './screenshots.ts'

/** Like `screenshot`, but the whole page, scrolled: server pages (dashboard, payment page) run long. */
export const fullPageScreenshot = async (page: Page, name: string, dir = SCREENSHOT_DIR): Promise<string> => {
  const path = join(dir, `${name}.png`)
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  return path
}
