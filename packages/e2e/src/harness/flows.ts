import type { Page } from 'playwright-core'
import { backOn } from './pages.ts'
import { continueToBank, payWithCard } from './sandbox-pages.ts'
import { confirm } from './widget.ts'

/**
 * The buyer's way from the open summary to the shop again: Confirm, Continue on the PSP's check
 * page, pay with `card` on the bank page, and wait to be back on `shopUrl`.
 */
export const confirmAndPay = async (page: Page, serverUrl: string, shopUrl: string, card: string) => {
  await confirm(page)
  await continueToBank(page, serverUrl)
  await payWithCard(page, card)
  await page.waitForURL(backOn(shopUrl))
}
