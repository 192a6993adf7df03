import type { DialogMessages } from './dialog-messages.ts'

/** Azerbaijani: the default and the fallback locale. */
export const az: DialogMessages = {
  cancel: 'Ləğv et',
  close: 'Bağla',
  retry: 'Yenidən cəhd edin',
  amount: 'Məbləğ',
  quantity: 'Say',
  reference: 'Sifariş nömrəsi',
  config: 'Ödəniş düyməsi düzgün quraşdırılmayıb.',
  origin: 'Bu sayt hələ buradan ödəniş qəbul edə bilməz.',
  rate_limited: 'Bir az gözləyib yenidən cəhd edin.',
  loading: 'Sifariş hazırlanır…',
  summary: 'Ödənişi təsdiqləyin',
  sending: 'Ödəniş səhifəsinə keçirik…',
  error: 'Ödənişə başlamaq mümkün olmadı',
  pending: 'Ödəniş emal olunur',
  paid: 'Ödəniş qəbul edildi',
  declined: 'Ödəniş rədd edildi',
  cancelled: 'Ödəniş tamamlanmadı',
  failed: 'Ödəniş baş tutmadı',
  lateText: 'Nəticə hələ bəlli deyil. Yenidən ödəməyin: bir dəqiqədən sonra səhifəni yeniləyin.',
  declinedText: 'Bank kartı rədd etdi. Vəsait tutulmayıb.',
}
