import type { DialogMessages } from './dialog-messages.ts'

/** Russian. */
export const ru: DialogMessages = {
  cancel: 'Отмена',
  close: 'Закрыть',
  retry: 'Повторить',
  amount: 'Сумма',
  quantity: 'Количество',
  reference: 'Номер заказа',
  config: 'Кнопка оплаты настроена неправильно.',
  origin: 'Сайт пока не может принимать платежи.',
  rate_limited: 'Подождите немного и повторите.',
  loading: 'Готовим заказ…',
  summary: 'Подтвердите оплату',
  sending: 'Переходим к оплате…',
  error: 'Не удалось начать оплату',
  pending: 'Платёж в обработке',
  paid: 'Оплата получена',
  declined: 'Платёж отклонён',
  cancelled: 'Оплата не завершена',
  failed: 'Оплата не прошла',
  lateText: 'Результат пока неизвестен. Не платите повторно: обновите страницу через минуту.',
  declinedText: 'Банк отклонил карту. Деньги не списаны.',
}
