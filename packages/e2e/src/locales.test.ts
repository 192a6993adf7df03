import { describe, expect, it } from 'vitest'
import { shopPage } from './harness/pages.ts'
import { screenshot } from './harness/screenshots.ts'
import { useE2e } from './harness/suite.ts'
import { openSummary, plainText, widget } from './harness/widget.ts'

const e2e = useE2e()

// Expected strings are written out here rather than imported from the widget, so a wrong
// translation or number format in the widget fails this test instead of passing along with it.
const CASES = [
  {
    name: 'az from <html lang="az">',
    attrs: { item: 'premium', 'show-price': true } as Record<string, string | true>,
    lang: 'az',
    button: '5,23 ₼ ödə',
    summary: ['Ödənişi təsdiqləyin', 'Premium tarif', 'Bir aylıq premium', '5,23 ₼', 'Ləğv et'],
    cancel: 'Ləğv et',
  },
  {
    name: 'ru from the locale attribute',
    attrs: { item: 'premium', locale: 'ru', 'show-price': true } as Record<string, string | true>,
    lang: 'en',
    button: 'Оплатить 5,23 ₼',
    summary: ['Подтвердите оплату', 'Тариф «Премиум»', 'Месяц премиума', 'Сумма', '5,23 ₼', 'Отмена'],
    cancel: 'Отмена',
  },
  {
    name: 'az with thousands grouped',
    attrs: { item: 'expensive', locale: 'az', 'show-price': true } as Record<string, string | true>,
    lang: 'en',
    button: '2.499,00 ₼ ödə',
    summary: ['Məbləğ', '2.499,00 ₼', 'Studio laptop'],
    cancel: 'Ləğv et',
  },
  {
    name: 'en with a quantity the server multiplies',
    attrs: { item: 'cheap', locale: 'en', quantity: '3', 'show-price': true } as Record<
      string,
      string | true
    >,
    lang: 'en',
    button: 'Pay ₼3.00',
    summary: ['Sticker pack', 'Quantity\n3', '₼3.00'],
    cancel: 'Cancel',
  },
  {
    name: 'ru with thousands grouped',
    attrs: { item: 'expensive', locale: 'ru', 'show-price': true } as Record<string, string | true>,
    lang: 'en',
    button: 'Оплатить 2 499,00 ₼',
    summary: ['Сумма', '2 499,00 ₼', 'Studio laptop'],
    cancel: 'Отмена',
  },
]

describe('locales', () => {
  it.each(CASES)(
    '$name: the button and the summary speak it',
    async ({ attrs, lang, button, summary, cancel }) => {
      const { page } = await e2e.buyer()
      await page.goto(shopPage(e2e, attrs, { lang }))
      const { payButton, dialog } = widget(page)
      await expect.poll(() => plainText(payButton)).toBe(button)

      await openSummary(page)
      const text = await plainText(dialog)
      for (const expected of summary) expect(text).toContain(expected)
      await screenshot(page, `modal-summary-${String(attrs.locale ?? lang)}-${String(attrs.item)}`)

      await dialog.getByRole('button', { name: cancel }).click()
      await dialog.waitFor({ state: 'hidden' })
    },
  )
})
