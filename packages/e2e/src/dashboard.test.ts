import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from './harness/axe.ts'
import type { BuyerOptions } from './harness/browser.ts'
import { freePort } from './harness/free-port.ts'
import { fullPageScreenshot } from './harness/full-page.ts'
import { payOverHttp } from './harness/http-payment.ts'
import { waitForStatus } from './harness/ledger.ts'
import { TEST_CARDS } from './harness/sandbox-pages.ts'
import { README_SCREENSHOT_DIR } from './harness/screenshots.ts'
import { useNotoOnServerPages } from './harness/server-font.ts'
import { useE2e } from './harness/suite.ts'
import { plainText } from './harness/widget.ts'

const PASSWORD = 'correct horse battery staple'
// A webhook receiver that is not there: every order event is tried, fails and waits for a retry,
// so the order page has deliveries with errors to show.
const e2e = useE2e({
  serverEnv: {
    DASHBOARD_PASSWORD: PASSWORD,
    WEBHOOK_URL: `http://127.0.0.1:${await freePort()}/hooks/portmanat`,
    WEBHOOK_SECRET: `whsec_${Buffer.from('e2e-webhook-secret-0123456789abcdef').toString('base64')}`,
  },
})

/** An operator in a fresh browser context whose pages get a font with the manat sign (screenshots). */
async function operatorPage(options: BuyerOptions = {}) {
  const session = await e2e.buyer(options)
  await useNotoOnServerPages(session.context, e2e.server.url)
  return session
}

async function signIn(page: Page, password = PASSWORD) {
  await page.getByLabel(/^(Password|Şifrə|Пароль)$/).fill(password)
  await page.getByRole('button', { name: /^(Sign in|Daxil ol|Войти)$/ }).click()
}

/** What sticks out past the right edge of the viewport (nothing, when the page fits its width). */
const overflow = async (page: Page) => {
  await page.waitForLoadState('load')
  await page.evaluate(() => document.fonts.ready)
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    return [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} → ${Math.round(element.getBoundingClientRect().right)} px`,
      )
  })
}

const orders: { paid: string; cheap: string; declined: string; pending: string; pendingPsp: string } = {
  paid: '',
  cheap: '',
  declined: '',
  pending: '',
  pendingPsp: '',
}

describe('the operator’s dashboard in Chromium', () => {
  beforeAll(async () => {
    const url = e2e.server.url
    orders.paid = (await payOverHttp(url, 'premium', TEST_CARDS.paid)).client_rrn
    orders.cheap = (await payOverHttp(url, 'cheap', TEST_CARDS.paid)).client_rrn
    orders.declined = (await payOverHttp(url, 'expensive', TEST_CARDS.declined)).client_rrn
    const pending = await payOverHttp(url, 'premium', TEST_CARDS.pending)
    orders.pending = pending.client_rrn
    orders.pendingPsp = pending.psp_rrn
  })

  it('asks for the password, refuses a wrong one, then shows the orders with today’s paid total', async () => {
    const { page, diagnostics } = await operatorPage()
    await page.goto(`${e2e.server.url}/dashboard`)
    await page.waitForURL(/\/dashboard\/login$/)
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await fullPageScreenshot(page, 'dashboard-login')
    expect(await axeViolations(page)).toEqual([])

    await signIn(page, 'not the password')
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong password.')
    await fullPageScreenshot(page, 'dashboard-login-wrong')
    await signIn(page)
    await page.waitForURL(`${e2e.server.url}/dashboard`)
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor()
    // At least the two sandbox payments made for this file: 5.23 + 1.00.
    const total = /^Today\s+₼([\d,]+\.\d\d)\s+(\d+) payments?$/.exec(
      (await plainText(page.locator('#total-today'))).trim(),
    )
    expect(Number(total?.[1]?.replaceAll(',', ''))).toBeGreaterThanOrEqual(6.23)
    expect(Number(total?.[2])).toBeGreaterThanOrEqual(2)
    const table = page.getByRole('table', { name: 'Orders, newest first' })
    for (const rrn of Object.values(orders).slice(0, 4))
      await table.getByRole('link', { name: rrn }).waitFor()
    await fullPageScreenshot(page, 'dashboard-orders')
    expect(await axeViolations(page)).toEqual([])
    if (process.env.E2E_README_SCREENSHOT) {
      await fullPageScreenshot(page, 'dashboard-orders', README_SCREENSHOT_DIR)
      // The README's payment link: made in the dashboard, ready to copy.
      await page.getByRole('link', { name: 'Payment link' }).click()
      await page.getByLabel('Amount, ₼').fill('35.00')
      await page.getByLabel('What for').fill('Tort sifarişi — 2 kq')
      await page.getByLabel(/^Your reference/).fill('WA-0412')
      await page.getByRole('button', { name: 'Create link' }).click()
      await page.getByLabel(/Send this link to the buyer/).waitFor()
      await fullPageScreenshot(page, 'dashboard-payment-link', README_SCREENSHOT_DIR)
    }
    expect(diagnostics.cspViolations).toEqual([])
  })

  it('filters by status and finds an order by its PSP reference', async () => {
    const { page } = await operatorPage()
    await page.goto(`${e2e.server.url}/dashboard/login`)
    await signIn(page)
    await page.getByLabel('Status').selectOption('paid')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL(/status=paid/)
    const rows = page.getByRole('table', { name: 'Orders, newest first' }).locator('tbody tr')
    const shown = (await rows.allInnerTexts()).join('\n')
    expect(shown).toContain(orders.cheap)
    expect(shown).toContain(orders.paid)
    expect(shown).not.toContain(orders.declined)
    expect(shown).not.toContain(orders.pending)
    for (const row of await rows.allInnerTexts()) expect(row).toContain('Paid')

    await page.getByRole('link', { name: 'Clear' }).click()
    await page.getByLabel('Search').fill(orders.pendingPsp)
    await page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => rows.count()).toBe(1)
    expect(await plainText(rows.first())).toContain(orders.pending)
    await page.getByRole('link', { name: 'Today', exact: true }).click()
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=/)
    expect((await rows.allInnerTexts()).join('\n')).toContain(orders.pending)
  })

  it('shows one order with its history, attempts and deliveries; Recheck asks the PSP and the order turns paid', async () => {
    const mine = await payOverHttp(e2e.server.url, 'cheap', TEST_CARDS.pending)
    const { page, diagnostics } = await operatorPage()
    await page.goto(`${e2e.server.url}/dashboard/login`)
    await signIn(page)
    await page.getByRole('link', { name: mine.client_rrn }).click()
    await page.getByRole('heading', { name: 'Payment attempts' }).waitFor()
    expect(await plainText(page.locator('.order-summary'))).toContain('Pending')
    expect(await plainText(page.getByRole('table', { name: /PSP references/ }))).toContain(mine.psp_rrn)
    // The webhook receiver is down: the pending event's delivery failed and waits for a retry.
    await page.reload()
    await page
      .getByRole('table', { name: /Every message about this order/ })
      .getByText('order.pending')
      .waitFor()
    await fullPageScreenshot(page, 'dashboard-order-pending')

    const settle = await fetch(`${e2e.server.url}/sandbox/_sandbox/settle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_rrn: mine.client_rrn, outcome: 'paid' }),
    })
    expect(settle.status).toBe(200)
    await page.getByRole('button', { name: 'Recheck with the PSP' }).click()
    await page
      .getByRole('status')
      .getByText(/Asked the PSP about 1 reference\. The order is now: Paid\./)
      .waitFor()
    expect(await plainText(page.locator('.order-summary'))).toContain('Paid')
    await waitForStatus(e2e.server.url, mine.client_rrn, 'paid')
    await fullPageScreenshot(page, 'dashboard-order-rechecked')
    expect(await axeViolations(page)).toEqual([])

    // Resend a delivery: queued again at once.
    await page.getByRole('button', { name: /^Resend: Webhook order\.paid/ }).click()
    await page.getByRole('status').getByText('The message is queued to be sent again.').waitFor()
    expect(diagnostics.cspViolations).toEqual([])
  })

  it('downloads the current filter as CSV: BOM, header, one row per order', async () => {
    const { page } = await operatorPage()
    await page.goto(`${e2e.server.url}/dashboard/login?next=${encodeURIComponent('/dashboard?status=paid')}`)
    await signIn(page)
    await page.waitForURL(/status=paid/)
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Export CSV' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/)
    const bytes = readFileSync((await file.path()) ?? '')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'client_rrn,psp_rrn,bank_rrn,amount,status,reason,created_at,updated_at,title,reference,item_id,quantity,livemode',
    )
    const rows = lines.slice(1).map((line) => line.split(','))
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining([orders.paid, orders.cheap]))
    expect(rows.map((r) => r[0])).not.toContain(orders.declined)
    expect(rows.every((r) => r[4] === 'paid' && r[12] === 'false')).toBe(true)
    expect(rows.find((r) => r[0] === orders.cheap)?.[3]).toBe('1.00')
  })

  it('makes a payment link and lists dead deliveries; every page passes axe in the dark too', async () => {
    const { page } = await operatorPage({ colorScheme: 'dark' })
    await page.goto(`${e2e.server.url}/dashboard/login`)
    expect(await axeViolations(page)).toEqual([])
    await signIn(page)
    expect(await axeViolations(page)).toEqual([])
    await fullPageScreenshot(page, 'dashboard-orders-dark')
    await page.getByRole('link', { name: 'Payment link' }).click()
    await page.getByRole('heading', { name: 'Make a payment link' }).waitFor()
    await page.getByRole('button', { name: 'Create link' }).click()
    await page.getByRole('alert').waitFor()
    expect(await axeViolations(page)).toEqual([])
    await fullPageScreenshot(page, 'dashboard-link-errors-dark')
    await page.getByLabel('Amount, ₼').fill('35,00')
    await page.getByLabel('What for').fill('Tort sifarişi — 2 kq')
    await page.getByLabel(/^Your reference/).fill('WA-0412')
    await page.getByRole('button', { name: 'Create link' }).click()
    const payUrl = await page.getByLabel(/Send this link to the buyer/).inputValue()
    expect(payUrl).toMatch(new RegExp(`^${e2e.server.url}/pay/o/[A-Za-z0-9_-]{32}$`))
    expect(await axeViolations(page)).toEqual([])
    await fullPageScreenshot(page, 'dashboard-link-created-dark')
    await page.getByRole('link', { name: 'Dead deliveries' }).click()
    await page.getByText('No dead deliveries.').waitFor()
    expect(await axeViolations(page)).toEqual([])
  })

  it('fits 320 px in Azerbaijani and Russian, with nothing to scroll sideways', async () => {
    for (const locale of ['az-AZ', 'ru-RU']) {
      const { page } = await operatorPage({ locale, viewport: { width: 320, height: 720 } })
      await page.goto(`${e2e.server.url}/dashboard/login`)
      await fullPageScreenshot(page, `dashboard-login-320-${locale.slice(0, 2)}`)
      await signIn(page)
      await page.locator('#total-today').waitFor()
      expect(await overflow(page)).toEqual([])
      await fullPageScreenshot(page, `dashboard-orders-320-${locale.slice(0, 2)}`)
      await page.goto(`${e2e.server.url}/dashboard/orders/${orders.declined}`)
      await page.locator('.order-summary').waitFor()
      expect(await overflow(page)).toEqual([])
      expect(await axeViolations(page)).toEqual([])
      await fullPageScreenshot(page, `dashboard-order-320-${locale.slice(0, 2)}`)
    }
  })

  it('switches language with the links in the header, and remembers it', async () => {
    const { page } = await operatorPage()
    await page.goto(`${e2e.server.url}/dashboard/login`)
    await signIn(page)
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Русский' }).click()
    await page.getByRole('heading', { name: 'Заказы', level: 1 }).waitFor()
    await page.goto(`${e2e.server.url}/dashboard/orders/${orders.paid}`)
    await page.getByRole('heading', { name: 'История' }).waitFor()
    await fullPageScreenshot(page, 'dashboard-order-ru')
    await page.getByRole('button', { name: 'Выйти' }).click()
    await page.getByText('Вы вышли из панели.').waitFor()
    await page.goto(`${e2e.server.url}/dashboard`)
    await page.waitForURL(/\/dashboard\/login$/)
  })
})
