import type { Page } from 'playwright-core'

/** The sandbox's test cards (DESIGN.md). */
export const TEST_CARDS = {
  paid: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  pending: '4000 0000 0000 0077',
} as const

/** An expiry date (MM/YY) three years ahead, so the test never ages into an expired card. */
export const futureExpiry = (now = new Date()): string =>
  `12/${String((now.getUTCFullYear() + 3) % 100).padStart(2, '0')}`

const onSandbox = (serverUrl: string) => (url: URL) =>
  url.origin === new URL(serverUrl).origin && url.pathname.startsWith('/sandbox/')

/**
 * Waits for the sandbox's "check the data" page (the buyer's browser got there by the widget's
 * form POST to `/sandbox/process`). The buyer context speaks English, so the pages do too.
 */
export const waitForCheckPage = async (page: Page, serverUrl: string): Promise<void> => {
  await page.waitForURL(onSandbox(serverUrl))
  await page.getByRole('heading', { name: 'Check the payment details' }).waitFor()
}

/** On the check page: Continue to the test bank page. */
export const continueToBank = async (page: Page, serverUrl: string): Promise<void> => {
  await waitForCheckPage(page, serverUrl)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { name: /Test bank/ }).waitFor()
}

/** On the bank page: types a card as a buyer would and presses Pay. */
export const payWithCard = async (page: Page, card: string, cvv = '123'): Promise<void> => {
  await page.getByLabel('Card number').fill(card)
  await page.getByLabel('Expiry date').fill(futureExpiry())
  await page.getByLabel('CVV').fill(cvv)
  await page.getByRole('button', { name: /^Pay\b/ }).click()
}

/** Presses Cancel on whichever sandbox page is showing. */
export const cancelOnSandbox = async (page: Page): Promise<void> => {
  await page.getByRole('button', { name: 'Cancel' }).click()
}
