import type { Messages } from './messages.ts'

/** Azerbaijani: the default and the fallback locale. */
export const az: Messages = {
  pay: 'Ödə',
  cancel: 'Ləğv et',
  close: 'Bağla',
  retry: 'Təkrarla',
  loading: 'Hazırlanır…',
  summary: 'Ödənişi təsdiqləyin',
  amount: 'Məbləğ',
  reference: 'Sifariş',
  error: 'Ödəniş başlamadı',
  config: 'Səhv quraşdırılıb.',
  not_found: 'Məhsul satışda deyil.',
  rate_limited: '{s} saniyə gözləyin.',
  server: 'Serverə qoşulmaq alınmadı.',
  paid: 'Ödəniş qəbul edildi',
  pending: 'Ödəniş emal olunur',
  later: 'Nəticəni e-poçtla bildirəcəyik.',
  failed: 'Ödəniş baş tutmadı',
}
