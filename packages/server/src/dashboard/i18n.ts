/**
 * Every word of the operator's dashboard, in Azerbaijani, English and Russian. The language is
 * the one the operator picked (a cookie set by the switcher), else the browser's, else az.
 */
import type { FailureReason, Locale, OrderStatus } from '@portmanat-checkout/shared'
import type { AttemptState, Channel, MessageStatus } from '../store/types.ts'

export interface DashboardStrings {
  lang: Locale
  /** The language's own name, for the switcher. */
  languageName: string
  dashboard: string
  skipToContent: string
  mainNav: string
  language: string
  orders: string
  deadDeliveries: string
  newLink: string
  logOut: string
  sandboxBadge: string
  sandboxNote: string
  liveBadge: string

  signInTitle: string
  signInIntro: string
  password: string
  signIn: string
  wrongPassword: string
  tooManyAttempts: (minutes: number) => string
  signedOut: string
  formExpired: string
  forbiddenTitle: string
  forbiddenText: string

  totalsHeading: string
  totalsNoteLive: string
  totalsNoteSandbox: string
  today: string
  thisWeek: string
  thisMonth: string
  payments: (count: number) => string
  deadNone: string
  deadSome: (count: number) => string

  filterHeading: string
  status: string
  anyStatus: string
  from: string
  to: string
  search: string
  searchHint: string
  show: string
  clear: string
  exportCsv: string
  periodToday: string
  periodWeek: string
  periodMonth: string
  invalidFilter: string

  ordersCaption: string
  reference: string
  title: string
  amount: string
  created: string
  updated: string
  noOrders: string
  pages: string
  newer: string
  older: string
  newest: string

  statuses: Record<OrderStatus, string>
  reasons: Record<FailureReason, string>

  orderHeading: string
  backToOrders: string
  facts: string
  pspRrn: string
  bankRrn: string
  item: string
  quantity: string
  merchantReference: string
  description: string
  returnUrl: string
  clientIp: string
  buyerLanguage: string
  mode: string
  payLinkHeading: string
  payLinkText: string
  payLinkCreated: string
  historyHeading: string
  historyCaption: string
  time: string
  change: string
  detail: string
  attemptsHeading: string
  attemptsCaption: string
  attemptState: string
  lastAnswer: string
  checks: string
  nextCheck: string
  attemptStates: Record<AttemptState, string>
  noAttempts: string
  recheck: string
  recheckHelp: string
  rechecked: (asked: number, status: string) => string
  nothingToRecheck: string
  recheckFailed: string

  deliveriesHeading: string
  deliveriesCaption: string
  channel: string
  event: string
  tries: string
  response: string
  duration: string
  error: string
  channels: Record<Channel, string>
  messageStatuses: Record<MessageStatus, string>
  noDeliveries: string
  resend: string
  resent: string
  deadCaption: string
  deadHeading: string
  noDead: string
  order: string

  linkHeading: string
  linkIntro: string
  linkAmount: string
  linkAmountHint: string
  linkTitle: string
  linkTitleHint: string
  linkDescription: string
  linkReference: string
  linkReferenceHint: string
  optional: string
  createLink: string
  fixErrors: string
  linkErrors: Record<'amount' | 'title' | 'description' | 'reference', string>
}

const azPayments = (n: number) => `${n} ödəniş`
const enPlural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
const ruPlural = (n: number, one: string, few: string, many: string) => {
  const rule = new Intl.PluralRules('ru').select(n)
  return `${n} ${rule === 'one' ? one : rule === 'few' ? few : many}`
}

export const DASHBOARD_STRINGS: Record<Locale, DashboardStrings> = {
  az: {
    lang: 'az',
    languageName: 'Azərbaycanca',
    dashboard: 'İdarə paneli',
    skipToContent: 'Məzmuna keç',
    mainNav: 'Əsas menyu',
    language: 'Dil',
    orders: 'Sifarişlər',
    deadDeliveries: 'Çatdırılmamış bildirişlər',
    newLink: 'Ödəniş linki',
    logOut: 'Çıxış',
    sandboxBadge: 'Sınaq',
    sandboxNote: 'Sınaq rejimi: real pul hərəkət etmir.',
    liveBadge: 'Real',

    signInTitle: 'Daxil olun',
    signInIntro: 'Ödənişlərə baxmaq üçün idarə panelinin şifrəsini daxil edin.',
    password: 'Şifrə',
    signIn: 'Daxil ol',
    wrongPassword: 'Şifrə yanlışdır.',
    tooManyAttempts: (minutes) => `Çox sayda uğursuz cəhd. ${minutes} dəqiqədən sonra yenidən cəhd edin.`,
    signedOut: 'Siz çıxış etdiniz.',
    formExpired: 'Formanın vaxtı bitib. Yenidən cəhd edin.',
    forbiddenTitle: 'Forma qəbul edilmədi',
    forbiddenText:
      'Bu formanın vaxtı bitib və ya o, bu idarə panelindən göndərilməyib. Geri qayıdın, səhifəni yeniləyin və yenidən cəhd edin.',

    totalsHeading: 'Ödənişlər',
    totalsNoteLive: 'Yalnız real ödənişlər, Bakı vaxtı ilə.',
    totalsNoteSandbox: 'Server sınaq rejimindədir: sınaq ödənişləri, Bakı vaxtı ilə.',
    today: 'Bu gün',
    thisWeek: 'Bu həftə',
    thisMonth: 'Bu ay',
    payments: azPayments,
    deadNone: 'Bütün bildirişlər çatdırılıb.',
    deadSome: (n) => `${n} bildiriş üç gün ərzində çatdırıla bilmədi.`,

    filterHeading: 'Süzgəc',
    status: 'Status',
    anyStatus: 'Hamısı',
    from: 'Başlanğıc tarixi',
    to: 'Son tarix',
    search: 'Axtarış',
    searchHint: 'Sifariş nömrəsi, PSP nömrəsi (psp_rrn) və ya sizin nömrəniz',
    show: 'Göstər',
    clear: 'Təmizlə',
    exportCsv: 'CSV-yə ixrac et',
    periodToday: 'Bu gün',
    periodWeek: 'Bu həftə',
    periodMonth: 'Bu ay',
    invalidFilter: 'Süzgəcdə yanlış dəyər var; o nəzərə alınmadı.',

    ordersCaption: 'Sifarişlər, yeniləri əvvəldə',
    reference: 'Sifariş nömrəsi',
    title: 'Ad',
    amount: 'Məbləğ',
    created: 'Yaradılıb',
    updated: 'Yenilənib',
    noOrders: 'Uyğun sifariş yoxdur.',
    pages: 'Səhifələr',
    newer: 'Daha yeni',
    older: 'Daha köhnə',
    newest: 'Ən yeni',

    statuses: {
      created: 'Yaradılıb',
      pending: 'Gözləmədə',
      paid: 'Ödənilib',
      failed: 'Uğursuz',
      expired: 'Vaxtı keçib',
    },
    reasons: {
      declined: 'bank rədd etdi',
      cancelled: 'alıcı ləğv etdi',
      mismatch: 'məbləğ uyğun gəlmir — yoxlayın',
      test_mode: 'test rejimində ödəniş',
      unknown_rrn: 'PSP bu ödənişi tanımır',
      expired: 'bir gün ərzində ödənilmədi',
    },

    orderHeading: 'Sifariş',
    backToOrders: 'Sifarişlərə qayıt',
    facts: 'Məlumatlar',
    pspRrn: 'PSP nömrəsi (psp_rrn)',
    bankRrn: 'Bank nömrəsi (bank_rrn)',
    item: 'Məhsul',
    quantity: 'Say',
    merchantReference: 'Sizin nömrəniz',
    description: 'Təsvir',
    returnUrl: 'Qayıdış ünvanı',
    clientIp: 'Alıcının IP ünvanı',
    buyerLanguage: 'Alıcının dili',
    mode: 'Rejim',
    payLinkHeading: 'Ödəniş linki',
    payLinkText: 'Bu linki alıcıya göndərin: o, JavaScript olmadan da açılır.',
    payLinkCreated: 'Link hazırdır. Onu kopyalayıb alıcıya göndərin.',
    historyHeading: 'Tarixçə',
    historyCaption: 'Vəziyyət dəyişiklikləri, köhnələri əvvəldə',
    time: 'Vaxt',
    change: 'Dəyişiklik',
    detail: 'Ətraflı',
    attemptsHeading: 'Ödəniş cəhdləri',
    attemptsCaption: 'Alıcının PSP-dən qayıdarkən gətirdiyi nömrələr',
    attemptState: 'Vəziyyət',
    lastAnswer: 'Son cavab',
    checks: 'Sorğular',
    nextCheck: 'Növbəti sorğu',
    attemptStates: {
      open: 'açıq',
      pending: 'gözləmədə',
      settled: 'yekun',
      ignored: 'nəzərə alınmadı',
      stopped: 'dayandırılıb',
    },
    noAttempts: 'Alıcı hələ PSP-dən qayıtmayıb: soruşmaq üçün ödəniş nömrəsi yoxdur.',
    recheck: 'PSP-dən yenidən soruş',
    recheckHelp: 'Hələ açıq olan hər nömrə barədə PSP-nin /check sorğusuna indi müraciət edir.',
    rechecked: (asked, status) => `PSP-dən ${asked} nömrə soruşuldu. Sifarişin vəziyyəti: ${status}.`,
    nothingToRecheck: 'Soruşulacaq açıq nömrə yoxdur.',
    recheckFailed: 'PSP cavab vermədi. Bir azdan yenidən cəhd edin.',

    deliveriesHeading: 'Bildirişlər',
    deliveriesCaption: 'Bu sifariş barədə hər bildiriş və onun cəhdləri',
    channel: 'Kanal',
    event: 'Hadisə',
    tries: 'Cəhdlər',
    response: 'Cavab kodu',
    duration: 'Müddət',
    error: 'Xəta',
    channels: { webhook: 'Webhook', telegram: 'Telegram', email: 'E-poçt' },
    messageStatuses: { pending: 'təkrar cəhd ediləcək', delivered: 'çatdırılıb', dead: 'çatdırılmadı' },
    noDeliveries:
      'Bildiriş yoxdur: heç bir kanal (webhook, Telegram, e-poçt) qurulmayıb və ya sifariş yarandıqdan sonra dəyişməyib.',
    resend: 'Yenidən göndər',
    resent: 'Bildiriş yenidən göndərilmək üçün növbəyə qoyuldu.',
    deadCaption: 'Çatdırılmamış bildirişlər, yeniləri əvvəldə',
    deadHeading: 'Çatdırılmamış bildirişlər',
    noDead: 'Çatdırılmamış bildiriş yoxdur.',
    order: 'Sifariş',

    linkHeading: 'Ödəniş linki yaradın',
    linkIntro:
      'İstədiyiniz məbləğ və ad üçün sifariş yaradılır; linki alıcıya göndərin (WhatsApp, Telegram, e-poçt).',
    linkAmount: 'Məbləğ, ₼',
    linkAmountHint: 'Məsələn 12.50',
    linkTitle: 'Nə üçün',
    linkTitleHint: 'Alıcı bunu ödəniş səhifəsində görür',
    linkDescription: 'Təsvir',
    linkReference: 'Sizin nömrəniz',
    linkReferenceHint: 'Məsələn hesab-faktura nömrəsi; CSV-də və bildirişlərdə görünür',
    optional: 'istəyə görə',
    createLink: 'Link yarat',
    fixErrors: 'Formada səhv var:',
    linkErrors: {
      amount: 'Məbləği 12.50 kimi yazın: sıfırdan böyük, ən çox iki onluq rəqəm.',
      title: 'Ad yazın (200 simvola qədər).',
      description: 'Təsvir 1000 simvoldan uzun olmamalıdır.',
      reference: 'Nömrə 1–200 latın hərfi, rəqəm və ya işarə olmalıdır.',
    },
  },
  en: {
    lang: 'en',
    languageName: 'English',
    dashboard: 'Dashboard',
    skipToContent: 'Skip to content',
    mainNav: 'Main',
    language: 'Language',
    orders: 'Orders',
    deadDeliveries: 'Dead deliveries',
    newLink: 'Payment link',
    logOut: 'Log out',
    sandboxBadge: 'Sandbox',
    sandboxNote: 'Sandbox mode: no real money moves.',
    liveBadge: 'Live',

    signInTitle: 'Sign in',
    signInIntro: 'Enter the dashboard password to see your payments.',
    password: 'Password',
    signIn: 'Sign in',
    wrongPassword: 'Wrong password.',
    tooManyAttempts: (minutes) => `Too many failed attempts. Try again in ${minutes} min.`,
    signedOut: 'You are signed out.',
    formExpired: 'The form expired. Please try again.',
    forbiddenTitle: 'Form not accepted',
    forbiddenText:
      'This form has expired or did not come from this dashboard. Go back, reload the page and try again.',

    totalsHeading: 'Payments',
    totalsNoteLive: 'Live payments only, by Baku time.',
    totalsNoteSandbox: 'The server is in sandbox mode: sandbox payments, by Baku time.',
    today: 'Today',
    thisWeek: 'This week',
    thisMonth: 'This month',
    payments: (n) => enPlural(n, 'payment', 'payments'),
    deadNone: 'Every notice was delivered.',
    deadSome: (n) => `${enPlural(n, 'notice', 'notices')} could not be delivered in three days of retries.`,

    filterHeading: 'Filter',
    status: 'Status',
    anyStatus: 'Any',
    from: 'From',
    to: 'To',
    search: 'Search',
    searchHint: 'Order reference, PSP reference (psp_rrn) or your own reference',
    show: 'Show',
    clear: 'Clear',
    exportCsv: 'Export CSV',
    periodToday: 'Today',
    periodWeek: 'This week',
    periodMonth: 'This month',
    invalidFilter: 'A filter value was not valid and was left out.',

    ordersCaption: 'Orders, newest first',
    reference: 'Reference',
    title: 'Title',
    amount: 'Amount',
    created: 'Created',
    updated: 'Updated',
    noOrders: 'No orders match.',
    pages: 'Pages',
    newer: 'Newer',
    older: 'Older',
    newest: 'Newest',

    statuses: {
      created: 'Created',
      pending: 'Pending',
      paid: 'Paid',
      failed: 'Failed',
      expired: 'Expired',
    },
    reasons: {
      declined: 'declined by the bank',
      cancelled: 'cancelled by the buyer',
      mismatch: 'amount mismatch — check it',
      test_mode: 'test-mode payment',
      unknown_rrn: 'unknown to the PSP',
      expired: 'not paid within a day',
    },

    orderHeading: 'Order',
    backToOrders: 'Back to orders',
    facts: 'Details',
    pspRrn: 'PSP reference (psp_rrn)',
    bankRrn: 'Bank reference (bank_rrn)',
    item: 'Item',
    quantity: 'Quantity',
    merchantReference: 'Your reference',
    description: 'Description',
    returnUrl: 'Return URL',
    clientIp: 'Buyer IP address',
    buyerLanguage: 'Buyer language',
    mode: 'Mode',
    payLinkHeading: 'Payment link',
    payLinkText: 'Send this link to the buyer; it works even with JavaScript off.',
    payLinkCreated: 'The link is ready. Copy it and send it to the buyer.',
    historyHeading: 'History',
    historyCaption: 'State changes, oldest first',
    time: 'Time',
    change: 'Change',
    detail: 'Detail',
    attemptsHeading: 'Payment attempts',
    attemptsCaption: 'PSP references the buyer brought back from the PSP',
    attemptState: 'State',
    lastAnswer: 'Last answer',
    checks: 'Checks',
    nextCheck: 'Next check',
    attemptStates: {
      open: 'open',
      pending: 'pending',
      settled: 'final',
      ignored: 'ignored',
      stopped: 'stopped',
    },
    noAttempts: 'The buyer has not come back from the PSP yet: there is no payment reference to ask about.',
    recheck: 'Recheck with the PSP',
    recheckHelp: 'Asks the PSP’s /check now about every reference still open.',
    rechecked: (asked, status) =>
      `Asked the PSP about ${enPlural(asked, 'reference', 'references')}. The order is now: ${status}.`,
    nothingToRecheck: 'There is no open reference to ask about.',
    recheckFailed: 'The PSP did not answer. Try again in a moment.',

    deliveriesHeading: 'Notices sent',
    deliveriesCaption: 'Every message about this order and each try',
    channel: 'Channel',
    event: 'Event',
    tries: 'Tries',
    response: 'Response code',
    duration: 'Duration',
    error: 'Error',
    channels: { webhook: 'Webhook', telegram: 'Telegram', email: 'E-mail' },
    messageStatuses: { pending: 'retrying', delivered: 'delivered', dead: 'dead' },
    noDeliveries:
      'No messages: no channel (webhook, Telegram, e-mail) is set up, or the order has not changed since it was created.',
    resend: 'Resend',
    resent: 'The message is queued to be sent again.',
    deadCaption: 'Messages that could not be delivered, newest first',
    deadHeading: 'Dead deliveries',
    noDead: 'No dead deliveries.',
    order: 'Order',

    linkHeading: 'Make a payment link',
    linkIntro:
      'Creates an order for the amount and title you choose; send the link to the buyer (WhatsApp, Telegram, e-mail).',
    linkAmount: 'Amount, ₼',
    linkAmountHint: 'For example 12.50',
    linkTitle: 'What for',
    linkTitleHint: 'The buyer sees this on the payment page',
    linkDescription: 'Description',
    linkReference: 'Your reference',
    linkReferenceHint: 'An invoice number, for example; shown in the CSV and the notices',
    optional: 'optional',
    createLink: 'Create link',
    fixErrors: 'Please correct the form:',
    linkErrors: {
      amount: 'Enter an amount such as 12.50: more than zero, at most two decimals.',
      title: 'Enter a title (up to 200 characters).',
      description: 'The description must be at most 1000 characters.',
      reference: 'The reference must be 1–200 Latin letters, digits or signs.',
    },
  },
  ru: {
    lang: 'ru',
    languageName: 'Русский',
    dashboard: 'Панель управления',
    skipToContent: 'Перейти к содержимому',
    mainNav: 'Главное меню',
    language: 'Язык',
    orders: 'Заказы',
    deadDeliveries: 'Недоставленные уведомления',
    newLink: 'Платёжная ссылка',
    logOut: 'Выйти',
    sandboxBadge: 'Песочница',
    sandboxNote: 'Режим песочницы: реальные деньги не списываются.',
    liveBadge: 'Боевой',

    signInTitle: 'Вход',
    signInIntro: 'Введите пароль панели, чтобы увидеть платежи.',
    password: 'Пароль',
    signIn: 'Войти',
    wrongPassword: 'Неверный пароль.',
    tooManyAttempts: (minutes) => `Слишком много неудачных попыток. Попробуйте снова через ${minutes} мин.`,
    signedOut: 'Вы вышли из панели.',
    formExpired: 'Срок действия формы истёк. Попробуйте ещё раз.',
    forbiddenTitle: 'Форма не принята',
    forbiddenText:
      'Срок действия формы истёк, или она отправлена не из этой панели. Вернитесь, обновите страницу и попробуйте ещё раз.',

    totalsHeading: 'Платежи',
    totalsNoteLive: 'Только настоящие платежи, по бакинскому времени.',
    totalsNoteSandbox: 'Сервер в режиме песочницы: тестовые платежи, по бакинскому времени.',
    today: 'Сегодня',
    thisWeek: 'На этой неделе',
    thisMonth: 'В этом месяце',
    payments: (n) => ruPlural(n, 'платёж', 'платежа', 'платежей'),
    deadNone: 'Все уведомления доставлены.',
    deadSome: (n) =>
      `${ruPlural(n, 'уведомление', 'уведомления', 'уведомлений')} не удалось доставить за три дня попыток.`,

    filterHeading: 'Фильтр',
    status: 'Статус',
    anyStatus: 'Любой',
    from: 'С',
    to: 'По',
    search: 'Поиск',
    searchHint: 'Номер заказа, номер PSP (psp_rrn) или ваш номер',
    show: 'Показать',
    clear: 'Сбросить',
    exportCsv: 'Экспорт в CSV',
    periodToday: 'Сегодня',
    periodWeek: 'Эта неделя',
    periodMonth: 'Этот месяц',
    invalidFilter: 'Одно из значений фильтра неверно и не учтено.',

    ordersCaption: 'Заказы, сначала новые',
    reference: 'Номер заказа',
    title: 'Название',
    amount: 'Сумма',
    created: 'Создан',
    updated: 'Обновлён',
    noOrders: 'Нет подходящих заказов.',
    pages: 'Страницы',
    newer: 'Новее',
    older: 'Старее',
    newest: 'Самые новые',

    statuses: {
      created: 'Создан',
      pending: 'В обработке',
      paid: 'Оплачен',
      failed: 'Не прошёл',
      expired: 'Истёк',
    },
    reasons: {
      declined: 'отклонён банком',
      cancelled: 'отменён покупателем',
      mismatch: 'сумма не совпадает — проверьте',
      test_mode: 'платёж в тестовом режиме',
      unknown_rrn: 'PSP не знает этот платёж',
      expired: 'не оплачен за сутки',
    },

    orderHeading: 'Заказ',
    backToOrders: 'К заказам',
    facts: 'Сведения',
    pspRrn: 'Номер PSP (psp_rrn)',
    bankRrn: 'Номер банка (bank_rrn)',
    item: 'Товар',
    quantity: 'Количество',
    merchantReference: 'Ваш номер',
    description: 'Описание',
    returnUrl: 'Адрес возврата',
    clientIp: 'IP-адрес покупателя',
    buyerLanguage: 'Язык покупателя',
    mode: 'Режим',
    payLinkHeading: 'Платёжная ссылка',
    payLinkText: 'Отправьте эту ссылку покупателю: она работает и без JavaScript.',
    payLinkCreated: 'Ссылка готова. Скопируйте её и отправьте покупателю.',
    historyHeading: 'История',
    historyCaption: 'Смены статуса, сначала старые',
    time: 'Время',
    change: 'Изменение',
    detail: 'Подробности',
    attemptsHeading: 'Попытки оплаты',
    attemptsCaption: 'Номера PSP, с которыми покупатель вернулся от PSP',
    attemptState: 'Состояние',
    lastAnswer: 'Последний ответ',
    checks: 'Запросы',
    nextCheck: 'Следующий запрос',
    attemptStates: {
      open: 'открыта',
      pending: 'в обработке',
      settled: 'итоговый ответ',
      ignored: 'не учтена',
      stopped: 'остановлена',
    },
    noAttempts: 'Покупатель ещё не вернулся от PSP: спрашивать не о чем.',
    recheck: 'Перепроверить в PSP',
    recheckHelp: 'Сейчас же спрашивает /check PSP о каждом ещё открытом номере.',
    rechecked: (asked, status) =>
      `PSP спрошен о ${ruPlural(asked, 'номере', 'номерах', 'номерах')}. Статус заказа: ${status}.`,
    nothingToRecheck: 'Нет открытых номеров, о которых можно спросить.',
    recheckFailed: 'PSP не ответил. Попробуйте чуть позже.',

    deliveriesHeading: 'Уведомления',
    deliveriesCaption: 'Все сообщения об этом заказе и каждая попытка',
    channel: 'Канал',
    event: 'Событие',
    tries: 'Попытки',
    response: 'Код ответа',
    duration: 'Длительность',
    error: 'Ошибка',
    channels: { webhook: 'Webhook', telegram: 'Telegram', email: 'E-mail' },
    messageStatuses: { pending: 'повтор', delivered: 'доставлено', dead: 'не доставлено' },
    noDeliveries:
      'Сообщений нет: не настроен ни один канал (webhook, Telegram, e-mail), или заказ не менялся с момента создания.',
    resend: 'Отправить снова',
    resent: 'Сообщение поставлено в очередь на повторную отправку.',
    deadCaption: 'Недоставленные сообщения, сначала новые',
    deadHeading: 'Недоставленные уведомления',
    noDead: 'Недоставленных уведомлений нет.',
    order: 'Заказ',

    linkHeading: 'Создать платёжную ссылку',
    linkIntro:
      'Создаёт заказ на выбранные сумму и название; отправьте ссылку покупателю (WhatsApp, Telegram, e-mail).',
    linkAmount: 'Сумма, ₼',
    linkAmountHint: 'Например 12.50',
    linkTitle: 'За что',
    linkTitleHint: 'Покупатель увидит это на странице оплаты',
    linkDescription: 'Описание',
    linkReference: 'Ваш номер',
    linkReferenceHint: 'Например, номер счёта; виден в CSV и уведомлениях',
    optional: 'необязательно',
    createLink: 'Создать ссылку',
    fixErrors: 'Исправьте форму:',
    linkErrors: {
      amount: 'Введите сумму вида 12.50: больше нуля, не более двух знаков после точки.',
      title: 'Введите название (до 200 символов).',
      description: 'Описание должно быть не длиннее 1000 символов.',
      reference: 'Номер — от 1 до 200 латинских букв, цифр или знаков.',
    },
  },
}
