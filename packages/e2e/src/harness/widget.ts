import type { Locator, Page, Response } from 'playwright-core'

/** The first `201` answer of `POST /api/checkout`, as the widget received it. */
export interface Checkout {
  client_rrn: string
  amount: string
  title: string
}

/** Locators of one `<portmanat-checkout>` element (its shadow root is open: locators pierce it). */
export interface WidgetLocators {
  host: Locator
  /** The Pay button (the first button of the element, before any modal content). */
  payButton: Locator
  /** The modal dialog, inside the same shadow root. */
  dialog: Locator
}

/** Locators of the `index`-th widget on the page. */
export const widget = (page: Page, index = 0): WidgetLocators => {
  const host = page.locator('portmanat-checkout').nth(index)
  return {
    host,
    payButton: host.getByRole('button').first(),
    dialog: host.getByRole('dialog'),
  }
}

const isCheckoutPost = (response: Response) =>
  response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/checkout'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

/** Confirm in the summary: the form POST to the PSP, a top-level navigation. */
export const confirm = async (page: Page, index = 0): Promise<void> => {
  await widget(page, index)
    .dialog.getByRole('button', { name: /^(Pay|Оплатить)|ödə$/ })
    .click()
}

const readCheckout = async (page: Page): Promise<Checkout> => {
  const response = await page.waitForResponse(isCheckoutPost)
  const body: unknown = await response.json()
  if (
    response.status() !== 201 ||
    !isRecord(body) ||
    typeof body.client_rrn !== 'string' ||
    typeof body.amount !== 'string' ||
    typeof body.title !== 'string'
  ) {
    throw new Error(`POST /api/checkout → ${response.status()} ${JSON.stringify(body)}`)
  }
  return { client_rrn: body.client_rrn, amount: body.amount, title: body.title }
}

/**
 * Resolves with the next checkout answer the page receives (call before the click). When the
 * click itself fails first, the test never awaits this promise: its rejection is then already
 * handled, so it does not surface later as an unrelated unhandled error.
 */
export const nextCheckout = (page: Page): Promise<Checkout> => {
  const checkout = readCheckout(page)
  checkout.catch(() => {})
  return checkout
}

/** Clicks Pay and waits for the order summary; returns the order the server created. */
export const openSummary = async (page: Page, index = 0): Promise<Checkout> => {
  const { payButton, dialog } = widget(page, index)
  const checkout = nextCheckout(page)
  await payButton.click()
  const order = await checkout
  await dialog.getByText(order.client_rrn).waitFor()
  return order
}

/** Text with no-break spaces made plain, so `5,23 ₼` matches what `formatMoney` writes. */
export const plainText = async (locator: Locator): Promise<string> =>
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the buyer reads
  (await locator.innerText()).replace(/\u00a0/g, ' ')

/**
 * Holds every request to `url` (a Playwright route pattern) until the returned function is
 * called, so a test can look at the page while it waits.
 */
export const holdRequests = async (page: Page, url: string): Promise<() => void> => {
  let release = () => {}
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  await page.route(url, async (route) => {
    await held
    await route.continue()
  })
  return release
}

/** Holds `widget.js` until the returned function is called: the page as it is before the script runs. */
export const holdWidgetScript = (page: Page): Promise<() => void> => holdRequests(page, '**/widget.js')
