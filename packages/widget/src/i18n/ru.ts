import type { Messages } from './messages.ts'

/** Russian. */
export const ru: Messages = {
  pay: 'Оплатить',
  cancel: 'Отмена',
  close: 'Закрыть',
  retry: 'Повторить',
  loading: 'Готовим заказ…',
  summary: 'Подтвердите оплату',
  amount: 'Сумма',
  reference: 'Заказ',
  error: 'Ошибка оплаты',
  config: 'Ошибка настройки.',
  not_found: 'Товар недоступен.',
  rate_limited: 'Подождите {s} с.',
  server: 'Сервер недоступен.',
  paid: 'Оплачено',
  pending: 'Платёж обрабатывается',
  later: 'Результат пришлём на e-mail.',
  failed: 'Оплата не прошла',
}
