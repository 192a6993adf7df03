// Every state of the modal in az, en and ru, light and dark, on a 320 px phone: a screenshot of
// each (test-results/screenshots/gallery/, to look at) and axe-core's WCAG 2.1 AA rules, which
// must find nothing. The states the server does not make on demand are made by answering the
// widget's requests in the browser (page.route); the summary is the real server's.
import type { Page, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from './harness/axe.ts'
import { shopPage } from './harness/pages.ts'
import { screenshot } from './harness/screenshots.ts'
import { type E2e, useE2e } from './harness/suite.ts'
import { widget } from './harness/widget.ts'

const e2e = useE2e()

type Locale = 'az' | 'en' | 'ru'

/** The dialog's titles, written out here (not imported from the widget). */
const TITLES: Record<string, Record<Locale, string>> = {
  loading: { az: 'Sifariş hazırlanır…', en: 'Preparing your order…', ru: 'Готовим заказ…' },
  summary: { az: 'Ödənişi təsdiqləyin', en: 'Confirm your payment', ru: 'Подтвердите оплату' },
  error: {
    az: 'Ödənişə başlamaq mümkün olmadı',
    en: 'Could not start the payment',
    ru: 'Не удалось начать оплату',
  },
  pending: { az: 'Ödəniş emal olunur', en: 'Payment is processing', ru: 'Платёж в обработке' },
  paid: { az: 'Ödəniş qəbul edildi', en: 'Payment received', ru: 'Оплата получена' },
  declined: { az: 'Ödəniş rədd edildi', en: 'Payment declined', ru: 'Платёж отклонён' },
  cancelled: { az: 'Ödəniş tamamlanmadı', en: 'Payment not completed', ru: 'Оплата не завершена' },
  failed: { az: 'Ödəniş baş tutmadı', en: 'Payment failed', ru: 'Оплата не прошла' },
}

const RRN = 'gallery0000000000000rrn1'

/** Answers a request of the widget (cross-origin: with the CORS header the server would send). */
const answer = (e2e: E2e, route: Route, status: number, body: unknown) =>
  route.fulfill({
    status,
    contentType: 'application/json',
    headers: { 'access-control-allow-origin': e2e.site.origin, 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  })

/** The order's title as the server stored it: in the buyer's language. */
const ITEM: Record<Locale, string> = { az: 'Premium tarif', en: 'Premium plan', ru: 'Тариф «Премиум»' }

const payment =
  (status: string, reason: string | null = null) =>
  (locale: Locale) => ({
    client_rrn: RRN,
    status,
    reason,
    amount: '5.23',
    title: ITEM[locale],
    updated_at: '2026-01-01T00:00:00Z',
  })

interface State {
  name: string
  title: keyof typeof TITLES
  /** Needs a page of its own (a fake clock stays installed in its browser context). */
  alone?: boolean
  /** Brings the page at `url` (a shop with one widget in `locale`) into the state. */
  show(page: Page, url: string, locale: Locale): Promise<void>
}

const clickPay = async (page: Page) => {
  const { payButton } = widget(page)
  await payButton.click()
}

/** Back from the PSP: the page opens with the return parameters and the server says `body`. */
const returned =
  (body: (locale: Locale) => unknown): State['show'] =>
  async (page, url, locale) => {
    await page.route(`${e2e.server.url}/api/payments/**`, (route) => answer(e2e, route, 200, body(locale)))
    await page.goto(`${url}?portmanat_status=pending&client_rrn=${RRN}`)
  }

const STATES: State[] = [
  {
    name: 'loading',
    title: 'loading',
    show: async (page, url) => {
      // The order never comes: the modal stays on "preparing".
      await page.route(`${e2e.server.url}/api/checkout`, () => {})
      await page.goto(url)
      await clickPay(page)
    },
  },
  { name: 'summary', title: 'summary', show: (page, url) => page.goto(url).then(() => clickPay(page)) },
  {
    name: 'sending',
    title: 'summary',
    show: async (page, url) => {
      // The PSP answers the form with 204, which navigates nowhere: the modal stays on "taking
      // you to the payment page".
      await page.route(`${e2e.server.url}/sandbox/process**`, (route) => route.fulfill({ status: 204 }))
      await page.goto(url)
      await clickPay(page)
      await widget(page).dialog.locator('.p').click()
      await widget(page).dialog.getByRole('status').waitFor()
    },
  },
  {
    name: 'error-network',
    title: 'error',
    show: async (page, url) => {
      await page.route(`${e2e.server.url}/api/checkout`, (route) => route.abort())
      await page.goto(url)
      await clickPay(page)
      await widget(page).dialog.getByRole('alert').waitFor()
    },
  },
  {
    name: 'error-origin',
    title: 'error',
    show: async (page, url) => {
      await page.route(`${e2e.server.url}/api/checkout`, (route) =>
        answer(e2e, route, 403, { error: { code: 'origin_not_allowed', message: 'not allowed' } }),
      )
      await page.goto(url)
      await clickPay(page)
      await widget(page).dialog.getByRole('alert').waitFor()
    },
  },
  { name: 'pending', title: 'pending', show: returned(payment('pending')) },
  {
    name: 'late',
    title: 'pending',
    alone: true,
    show: async (page, url, locale) => {
      await page.clock.install()
      await returned(payment('pending'))(page, url, locale)
      await widget(page).dialog.locator('h2').waitFor()
      // Two minutes on: the widget stops polling and says what happens next.
      await page.clock.fastForward(121_000)
      await widget(page).dialog.locator('.p').waitFor()
    },
  },
  { name: 'paid', title: 'paid', show: returned(payment('paid')) },
  { name: 'declined', title: 'declined', show: returned(payment('failed', 'declined')) },
  { name: 'cancelled', title: 'cancelled', show: returned(payment('failed', 'cancelled')) },
  { name: 'failed', title: 'failed', show: returned(payment('expired', 'expired')) },
]

describe('the modal, state by state', () => {
  it.each(['light', 'dark'] as const)(
    'in az, en and ru, %s, at 320 px: every state looks right and axe finds nothing',
    async (theme) => {
      const phone = { viewport: { width: 320, height: 640 }, colorScheme: theme }
      const shared = (await e2e.buyer(phone)).page
      for (const locale of ['az', 'en', 'ru'] as const) {
        for (const state of STATES) {
          const page = state.alone ? (await e2e.buyer(phone)).page : shared
          await page.unrouteAll({ behavior: 'ignoreErrors' })
          const url = shopPage(e2e, { item: 'premium', locale })
          await state.show(page, url, locale)
          const { dialog } = widget(page)
          await dialog.getByRole('heading', { name: TITLES[state.title]?.[locale] }).waitFor()
          await screenshot(page, `gallery/${state.name}-${locale}-${theme}`)
          expect(await axeViolations(page), `${state.name} in ${locale}, ${theme}`).toEqual([])
          // Nothing wider than the phone.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
        }
      }
    },
    180_000,
  )
})

/** `rgb(…)`/`rgba(…)` as [r, g, b, a]. */
const rgba = (css: string): number[] => {
  const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number)
  return [r, g, b, a]
}

/** WCAG relative luminance of an opaque colour. */
const luminance = ([r, g, b]: number[]) => {
  const channel = (c = 0) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/** WCAG contrast ratio of two opaque colours. */
const contrast = (a: number[], b: number[]) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05)
}

describe('non-text contrast (WCAG 1.4.11), which axe does not measure', () => {
  it.each(['light', 'dark'] as const)(
    'in %s, the focus ring and the dialog edge are ≥ 3:1 against what is next to them',
    async (theme) => {
      const { page } = await e2e.buyer({ colorScheme: theme })
      await page.goto(shopPage(e2e, { item: 'premium', locale: 'en' }))
      await widget(page).payButton.click()
      const { dialog } = widget(page)
      await dialog.locator('.p').waitFor()
      // From the keyboard, so the ring shows as it would for its user.
      await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('Tab')
      const colours = await dialog.evaluate((element) => {
        const style = getComputedStyle(element)
        const focused = (element.getRootNode() as ShadowRoot).activeElement
        return {
          background: style.backgroundColor,
          border: style.borderTopColor,
          ring: focused ? getComputedStyle(focused).outlineColor : '',
          ringWidth: focused ? getComputedStyle(focused).outlineWidth : '',
        }
      })
      const background = rgba(colours.background)
      expect(colours.ringWidth).toBe('3px')
      expect(contrast(rgba(colours.ring), background)).toBeGreaterThanOrEqual(3)
      // The edge: against the dialog, and against the darkest backdrop (a black page behind it).
      expect(contrast(rgba(colours.border), background)).toBeGreaterThanOrEqual(3)
      if (theme === 'dark') expect(contrast(rgba(colours.border), [0, 0, 0])).toBeGreaterThanOrEqual(3)
    },
  )
})
