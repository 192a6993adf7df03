/**
 * @module notices
 * Notices of paid orders to the merchant: a Telegram chat and a mailbox, each optional. They are
 * senders for the outbox: the outbox writes a row per channel that {@link noticeWants} the event,
 * in the same transaction as the order change, and its worker calls the channel's sender.
 *
 * @example
 * const notices = noticeConfig(env)
 * const senders = noticeSenders(notices, { dashboardUrl: `${config.publicUrl}/dashboard` })
 * // an outbox row for each channel of noticeChannels(senders) where noticeWants(channel, type)
 * await senders.telegram?.(message, signal)
 */
import type { NoticeConfig } from './config.ts'
import { emailSender } from './email.ts'
import type { NoticeChannel } from './paid-order.ts'
import { telegramSender } from './telegram.ts'
import type { Sender } from './types.ts'

export type { EmailConfig, Mailbox, NoticeConfig, TelegramConfig } from './config.ts'
export { noticeConfig, TELEGRAM_API_URL } from './config.ts'
export {
  type EmailContent,
  type EmailSenderOptions,
  emailContent,
  emailSender,
  type MailTransport,
} from './email.ts'
export { bakuTime, NOTICE_STRINGS, type NoticeStrings, orderLink } from './messages.ts'
export {
  NOTICE_EVENT_TYPES,
  type NoticeChannel,
  noticeWants,
  type PaidOrder,
  readPaidOrder,
} from './paid-order.ts'
export {
  type TelegramEntity,
  type TelegramSenderOptions,
  type TelegramText,
  telegramSender,
  telegramText,
} from './telegram.ts'
export type { Channel, DeliveryOutcome, EventData, EventType, OutboxMessage, Sender } from './types.ts'

export interface NoticeSenderOptions {
  /** `{PUBLIC_URL}/dashboard`, or null when the dashboard is off (notices then carry no link). */
  dashboardUrl: string | null
}

/** The sender of each configured notice channel; an unconfigured channel is absent. */
export type NoticeSenders = Partial<Record<NoticeChannel, Sender>>

/**
 * Senders for the channels `config` sets up (none when it sets up nothing).
 *
 * @example noticeSenders(noticeConfig(env), { dashboardUrl: 'https://pay.example.az/dashboard' })
 */
export function noticeSenders(config: NoticeConfig, { dashboardUrl }: NoticeSenderOptions): NoticeSenders {
  const senders: NoticeSenders = {}
  if (config.telegram)
    senders.telegram = telegramSender({ ...config.telegram, locale: config.locale, dashboardUrl })
  if (config.email)
    senders.email = emailSender({
      smtpUrl: config.email.smtpUrl,
      from: config.email.from,
      to: config.email.to,
      locale: config.locale,
      dashboardUrl,
    })
  return senders
}

/** The channels that have a sender, in a fixed order. */
export const noticeChannels = (senders: NoticeSenders): NoticeChannel[] =>
  (['telegram', 'email'] as const).filter((channel) => senders[channel] !== undefined)
