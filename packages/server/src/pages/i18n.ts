/**
 * Every sentence the server's own pages show a buyer, in Azerbaijani, English and Russian.
 */
import { type Locale, matchLocale } from '@portmanat-checkout/shared'
import { parseAccept } from '../http/accept-header.ts'

export interface PageStrings {
  lang: Locale
  paidTitle: string
  paidText: string
  pendingTitle: string
  pendingText: string
  failedTitle: string
  failedText: string
  unconfirmedTitle: string
  unconfirmedText: string
  unknownOrderTitle: string
  unknownOrderText: string
  badRequestTitle: string
  badRequestText: string
  notFoundTitle: string
  notFoundText: string
  order: string
  amount: string
  reference: string
  back: string
}

export const STRINGS: Record<Locale, PageStrings> = {
  az: {
    lang: 'az',
    paidTitle: 'Ödəniş qəbul edildi',
    paidText: 'Təşəkkür edirik! Ödənişiniz təsdiqləndi.',
    pendingTitle: 'Ödəniş yoxlanılır',
    pendingText:
      'Bank hələ cavab verməyib. Nəticə bir neçə dəqiqə ərzində bəlli olacaq; bu səhifəni yeniləyə bilərsiniz.',
    failedTitle: 'Ödəniş baş tutmadı',
    failedText: 'Ödəniş təsdiqlənmədi və kartınızdan vəsait tutulmayıb. Yenidən cəhd edə bilərsiniz.',
    unconfirmedTitle: 'Ödəniş təsdiqlənmədi',
    unconfirmedText:
      'Ödəniş sistemi bu əməliyyatı tanımır. Əgər vəsait tutulubsa, satıcı ilə əlaqə saxlayın.',
    unknownOrderTitle: 'Sifariş tapılmadı',
    unknownOrderText: 'Bu keçiddəki sifariş bu serverdə yoxdur.',
    badRequestTitle: 'Yanlış keçid',
    badRequestText: 'Keçiddə ödəniş məlumatları çatışmır və ya yanlışdır.',
    notFoundTitle: 'Səhifə tapılmadı',
    notFoundText: 'Axtardığınız səhifə mövcud deyil.',
    order: 'Sifariş',
    amount: 'Məbləğ',
    reference: 'Sifariş nömrəsi',
    back: 'Mağazaya qayıt',
  },
  en: {
    lang: 'en',
    paidTitle: 'Payment received',
    paidText: 'Thank you! Your payment is confirmed.',
    pendingTitle: 'Payment is being checked',
    pendingText:
      'The bank has not answered yet. The result will follow within a few minutes; you may reload this page.',
    failedTitle: 'Payment failed',
    failedText: 'The payment was not confirmed and your card was not charged. You can try again.',
    unconfirmedTitle: 'Payment not confirmed',
    unconfirmedText:
      'The payment service does not know this payment. If your card was charged, contact the shop.',
    unknownOrderTitle: 'Order not found',
    unknownOrderText: 'The order in this link does not exist on this server.',
    badRequestTitle: 'Invalid link',
    badRequestText: 'The payment details in this link are missing or malformed.',
    notFoundTitle: 'Page not found',
    notFoundText: 'The page you are looking for does not exist.',
    order: 'Order',
    amount: 'Amount',
    reference: 'Order number',
    back: 'Back to the shop',
  },
  ru: {
    lang: 'ru',
    paidTitle: 'Оплата получена',
    paidText: 'Спасибо! Ваш платёж подтверждён.',
    pendingTitle: 'Платёж проверяется',
    pendingText:
      'Банк ещё не ответил. Результат будет известен в течение нескольких минут; можно обновить страницу.',
    failedTitle: 'Оплата не прошла',
    failedText: 'Платёж не подтверждён, деньги с карты не списаны. Можно попробовать ещё раз.',
    unconfirmedTitle: 'Платёж не подтверждён',
    unconfirmedText: 'Платёжная система не знает этот платёж. Если деньги списаны, свяжитесь с магазином.',
    unknownOrderTitle: 'Заказ не найден',
    unknownOrderText: 'Заказа из этой ссылки нет на этом сервере.',
    badRequestTitle: 'Неверная ссылка',
    badRequestText: 'В ссылке не хватает данных платежа или они неверны.',
    notFoundTitle: 'Страница не найдена',
    notFoundText: 'Такой страницы нет.',
    order: 'Заказ',
    amount: 'Сумма',
    reference: 'Номер заказа',
    back: 'Вернуться в магазин',
  },
}

/** The first supported language of an `Accept-Language` header, by weight; undefined when none is. */
export function localeFromHeader(header: string | undefined): Locale | undefined {
  // The sort is stable: of equal weights, the header's first wins.
  const ranked = parseAccept(header)
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const { token } of ranked) {
    const locale = matchLocale(token)
    if (locale) return locale
  }
  return undefined
}

/** Strings for an order's locale, else the browser's language, else Azerbaijani. */
export function stringsFor(
  locale: Locale | null | undefined,
  acceptLanguage: string | undefined,
): PageStrings {
  return STRINGS[locale ?? localeFromHeader(acceptLanguage) ?? 'az']
}
