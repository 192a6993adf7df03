/**
 * The hosted payment page's own words in Azerbaijani, English and Russian; the result sentences
 * (paid, pending, failed) are the server pages' shared ones in `pages/i18n.ts`.
 */
import type { Locale } from '@portmanat-checkout/shared'

export interface PayStrings {
  languageName: string
  language: string
  pay: (amount: string) => string
  payNote: string
  sandboxNote: string
  redirectTitle: string
  redirectText: string
  continueToPayment: string
  notCompletedTitle: string
  notCompletedText: string
  tryAgain: string
  checkAgain: string
  refreshNote: string
  formExpired: string
  formRefused: string
  unavailableTitle: string
  unknownItemText: string
  unknownLinkText: string
  tooManyTitle: string
  tooManyText: string
}

export const PAY_STRINGS: Record<Locale, PayStrings> = {
  az: {
    languageName: 'Azərbaycanca',
    language: 'Dil',
    pay: (amount) => `${amount} ödə`,
    payNote: 'Portmanat Card-ın təhlükəsiz kart səhifəsinə yönləndiriləcəksiniz.',
    sandboxNote: 'Sınaq rejimi: real pul hərəkət etmir. Test kartı: 4242 4242 4242 4242.',
    redirectTitle: 'Ödəniş səhifəsinə keçid',
    redirectText: 'Sizi Portmanat Card-ın kart səhifəsinə göndəririk. Heç nə baş vermirsə, düyməni basın.',
    continueToPayment: 'Ödənişə davam et',
    notCompletedTitle: 'Ödəniş tamamlanmadı',
    notCompletedText: 'Ödəniş başa çatmadı və kartınızdan vəsait tutulmayıb.',
    tryAgain: 'Yenidən cəhd edin',
    checkAgain: 'Yenidən yoxla',
    refreshNote: 'Bu səhifə özü bir neçə saniyədən bir yenilənir.',
    formExpired: 'Səhifə çox uzun müddət açıq qaldı. Ödə düyməsini yenidən basın.',
    formRefused: 'Forma qəbul edilmədi. Səhifəni yeniləyin və Ödə düyməsini yenidən basın.',
    unavailableTitle: 'Məhsul tapılmadı',
    unknownItemText: 'Bu məhsul burada satılmır.',
    unknownLinkText: 'Bu ödəniş linki mövcud deyil.',
    tooManyTitle: 'Çox sayda cəhd',
    tooManyText: 'Sizin ünvandan çox sayda ödəniş cəhdi var. Bir dəqiqə gözləyin və yenidən cəhd edin.',
  },
  en: {
    languageName: 'English',
    language: 'Language',
    pay: (amount) => `Pay ${amount}`,
    payNote: 'You will be taken to Portmanat Card’s secure card page.',
    sandboxNote: 'Sandbox mode: no real money moves. Test card: 4242 4242 4242 4242.',
    redirectTitle: 'Going to the payment page',
    redirectText: 'We are sending you to Portmanat Card’s card page. If nothing happens, press the button.',
    continueToPayment: 'Continue to payment',
    notCompletedTitle: 'Payment not completed',
    notCompletedText: 'The payment was not finished and your card was not charged.',
    tryAgain: 'Try again',
    checkAgain: 'Check again',
    refreshNote: 'This page refreshes itself every few seconds.',
    formExpired: 'This page was open for a long time. Press Pay again.',
    formRefused: 'The form was not accepted. Reload the page and press Pay again.',
    unavailableTitle: 'Product not found',
    unknownItemText: 'This product is not sold here.',
    unknownLinkText: 'This payment link does not exist.',
    tooManyTitle: 'Too many attempts',
    tooManyText: 'There were too many payment attempts from your address. Wait a minute and try again.',
  },
  ru: {
    languageName: 'Русский',
    language: 'Язык',
    pay: (amount) => `Оплатить ${amount}`,
    payNote: 'Вы перейдёте на защищённую страницу карты Portmanat Card.',
    sandboxNote: 'Режим песочницы: реальные деньги не списываются. Тестовая карта: 4242 4242 4242 4242.',
    redirectTitle: 'Переход к оплате',
    redirectText:
      'Отправляем вас на страницу карты Portmanat Card. Если ничего не происходит, нажмите кнопку.',
    continueToPayment: 'Перейти к оплате',
    notCompletedTitle: 'Оплата не завершена',
    notCompletedText: 'Платёж не был завершён, деньги с карты не списаны.',
    tryAgain: 'Попробовать снова',
    checkAgain: 'Проверить снова',
    refreshNote: 'Страница обновляется сама каждые несколько секунд.',
    formExpired: 'Страница была открыта слишком долго. Нажмите «Оплатить» ещё раз.',
    formRefused: 'Форма не принята. Обновите страницу и нажмите «Оплатить» ещё раз.',
    unavailableTitle: 'Товар не найден',
    unknownItemText: 'Этот товар здесь не продаётся.',
    unknownLinkText: 'Такой платёжной ссылки нет.',
    tooManyTitle: 'Слишком много попыток',
    tooManyText: 'С вашего адреса было слишком много попыток оплаты. Подождите минуту и попробуйте снова.',
  },
}
