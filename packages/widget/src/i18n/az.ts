import type { Messages } from './messages.ts'

/** Azerbaijani: the default and the fallback locale. */
export const az: Messages = {
  pay: 'Ödə',
  cancel: 'Ləğv et',
  close: 'Bağla',
  retry: 'Yenidən cəhd edin',
  loading: 'Sifariş hazırlanır…',
  summary: 'Ödənişi təsdiqləyin',
  item: 'Məhsul',
  amount: 'Məbləğ',
  reference: 'Sifariş nömrəsi',
  submitting: 'Yönləndirilir…',
  error: 'Ödənişi başlatmaq mümkün olmadı',
  config: 'Bu düymə düzgün qurulmayıb. Mağaza ilə əlaqə saxlayın.',
  not_found: 'Bu məhsul artıq satışda deyil.',
  rate_limited: 'Həddən çox cəhd edildi. {s} saniyə sonra yenidən yoxlayın.',
  server: 'Ödəniş serveri əlçatan deyil. Bir az sonra yenidən cəhd edin.',
  network: 'Ödəniş serverinə qoşulmaq mümkün olmadı.',
  checking: 'Ödəniş yoxlanılır…',
  paid: 'Ödəniş qəbul edildi',
  pending: 'Ödəniş emal olunur',
  later: 'Bank təsdiqləyəndə sizə e-poçtla xəbər verəcəyik.',
  failed: 'Ödəniş baş tutmadı',
}
