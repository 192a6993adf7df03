import type { DialogMessages } from './dialog-messages.ts'

/** Azerbaijani: the default and the fallback locale. */
export const az: DialogMessages = {
  cancel: 'Ləğv et',
  close: 'Bağla',
  retry: 'Yenidən cəhd edin',
  amount: 'Məbləğ',
  quantity: 'Say',
  reference: 'Sifariş nömrəsi',
  origin: 'Bu saytın hələ buradan ödəniş qəbul etməyə icazəsi yoxdur.',
  not_found: 'Bu məhsul artıq satışda deyil.',
  rate_limited: '{s} saniyə gözləyib yenidən cəhd edin.',
  loading: 'Sifariş hazırlanır…',
  summary: 'Ödənişi təsdiqləyin',
  sending: 'Ödəniş səhifəsinə keçirik…',
  error: 'Ödənişə başlamaq mümkün olmadı',
  pending: 'Ödəniş emal olunur',
  paid: 'Ödəniş qəbul edildi',
  declined: 'Ödəniş rədd edildi',
  cancelled: 'Ödəniş tamamlanmadı',
  failed: 'Ödəniş baş tutmadı',
  unconfirmed: 'Ödənişi yoxlamaq mümkün olmadı',
  lateText: 'Bank hələ cavab verməyib. Pəncərəni bağlaya bilərsiniz: mağaza nəticəni öyrənəcək.',
  declinedText: 'Bank kartı rədd etdi. Vəsait tutulmayıb.',
  cancelledText: 'Ödəniş səhifəsini ödəmədən tərk etdiniz. Vəsait tutulmayıb.',
  unconfirmedText: 'Yenidən ödəməyin: bir dəqiqədən sonra səhifəni yeniləyin.',
}
