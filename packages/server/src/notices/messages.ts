/**
 * Every sentence of the merchant's notices (Telegram and e-mail) in Azerbaijani, English and
 * Russian, and the locale's way of writing an amount and a time. The language is the merchant's
 * (`NOTICE_LOCALE`), not the buyer's.
 */
import type { Locale } from '@portmanat-checkout/shared'

export interface NoticeStrings {
  /** The notice's first line and the e-mail subject's start. */
  heading: string
  /** Said at the top when the payment was made in sandbox mode. */
  testMode: string
  /** Prefix of the e-mail subject in sandbox mode. */
  testTag: string
  paymentFor: string
  amount: string
  quantity: string
  description: string
  /** Our `client_rrn`. */
  reference: string
  /** The merchant's own `reference` from `POST /api/orders`. */
  yourReference: string
  pspRrn: string
  bankRrn: string
  paidAt: string
  /** After a time: Azerbaijan keeps UTC+4 all year. */
  bakuTime: string
  viewOrder: string
  footer: string
}

export const NOTICE_STRINGS: Record<Locale, NoticeStrings> = {
  az: {
    heading: 'Ödəniş alındı',
    testMode: 'Sınaq ödənişi (sandbox): real pul köçürülməyib.',
    testTag: '[SINAQ]',
    paymentFor: 'Ödənişin təyinatı',
    amount: 'Məbləğ',
    quantity: 'Say',
    description: 'Təsvir',
    reference: 'Sifariş nömrəsi',
    yourReference: 'Sizin sistemdəki nömrə',
    pspRrn: 'Portmanat RRN',
    bankRrn: 'Bank RRN',
    paidAt: 'Ödəniş vaxtı',
    bakuTime: 'Bakı vaxtı',
    viewOrder: 'İdarə panelində baxın',
    footer: 'Bu məktubu portmanat-checkout ödəniş serveriniz avtomatik göndərib.',
  },
  en: {
    heading: 'Payment received',
    testMode: 'Test payment (sandbox): no real money moved.',
    testTag: '[TEST]',
    paymentFor: 'Payment for',
    amount: 'Amount',
    quantity: 'Quantity',
    description: 'Description',
    reference: 'Order number',
    yourReference: 'Your reference',
    pspRrn: 'Portmanat RRN',
    bankRrn: 'Bank RRN',
    paidAt: 'Paid at',
    bakuTime: 'Baku time',
    viewOrder: 'View in the dashboard',
    footer: 'Sent automatically by your portmanat-checkout payment server.',
  },
  ru: {
    heading: 'Оплата получена',
    testMode: 'Тестовый платёж (песочница): настоящие деньги не списывались.',
    testTag: '[ТЕСТ]',
    paymentFor: 'Назначение платежа',
    amount: 'Сумма',
    quantity: 'Количество',
    description: 'Описание',
    reference: 'Номер заказа',
    yourReference: 'Номер в вашей системе',
    pspRrn: 'RRN Portmanat',
    bankRrn: 'RRN банка',
    paidAt: 'Время оплаты',
    bakuTime: 'по бакинскому времени',
    viewOrder: 'Открыть в панели управления',
    footer: 'Письмо отправлено автоматически вашим платёжным сервером portmanat-checkout.',
  },
}

const BAKU_OFFSET_MS = 4 * 60 * 60 * 1000
const two = (n: number) => String(n).padStart(2, '0')

/**
 * A moment in Baku time, written out rather than left to Intl (whose time-zone data differs
 * between Node builds): `20.11.2026 14:03 (Bakı vaxtı)`, `2026-11-20 14:03 (Baku time)`.
 */
export function bakuTime(iso: string, locale: Locale): string {
  const t = new Date(Date.parse(iso) + BAKU_OFFSET_MS)
  const [y, m, d] = [t.getUTCFullYear(), two(t.getUTCMonth() + 1), two(t.getUTCDate())]
  const date = locale === 'en' ? `${y}-${m}-${d}` : `${d}.${m}.${y}`
  return `${date} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())} (${NOTICE_STRINGS[locale].bakuTime})`
}

/** The order's page in the operator dashboard, or null when there is no dashboard. */
export function orderLink(dashboardUrl: string | null | undefined, clientRrn: string): string | null {
  if (!dashboardUrl) return null
  return `${dashboardUrl.replace(/\/+$/, '')}/orders/${encodeURIComponent(clientRrn)}`
}
