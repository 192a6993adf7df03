import type { Messages } from './messages.ts'

/** Russian. */
export const ru: Messages = {
  pay: 'Оплатить',
  payAmount: 'Оплатить {a}',
  unavailable: 'Нет в продаже',
  server: 'Не удалось связаться с платёжным сервером.',
}
