/**
 * Telegram notices: one short message per paid order to the merchant's chat through the Bot API's
 * `sendMessage`. Formatting travels as `entities` beside plain text instead of a parse mode, so a
 * title such as `<b>Tea & "cake"</b> *_[` arrives exactly as written, with nothing to escape.
 */
import { formatMoney, type Locale } from '@portmanat-checkout/shared'
import * as v from 'valibot'
import type { Secret } from '../secret.ts'
import { TELEGRAM_API_URL } from './config.ts'
import { NOTICE_STRINGS, orderLink } from './messages.ts'
import { type PaidOrder, readPaidOrder, safeError } from './paid-order.ts'
import type { DeliveryOutcome, Sender } from './types.ts'

export interface TelegramSenderOptions {
  /** @default 'https://api.telegram.org' */
  apiUrl?: string
  token: Secret
  /** A numeric chat id or `@channelname`. */
  chatId: string
  /** The merchant's language. @default 'az' */
  locale?: Locale
  /** `{PUBLIC_URL}/dashboard`, or null when there is no dashboard (no link then). */
  dashboardUrl?: string | null
  fetch?: (input: string, init: RequestInit) => Promise<Response>
  /** @default 10000 */
  timeoutMs?: number
}

/** A span of the text in UTF-16 code units, as the Bot API counts (and as JS strings do). */
export interface TelegramEntity {
  type: 'bold' | 'code'
  offset: number
  length: number
}

export interface TelegramText {
  text: string
  entities: TelegramEntity[]
}

/**
 * The message for a paid order: heading, title, amount, references and the dashboard link.
 *
 * @example telegramText(order, 'az', 'https://pay.example.az/dashboard').text
 * // '✅ Ödəniş alındı\n\nKofe\nMəbləğ: 5,23 ₼\n…'
 */
export function telegramText(order: PaidOrder, locale: Locale, dashboardUrl?: string | null): TelegramText {
  const s = NOTICE_STRINGS[locale]
  let text = ''
  const entities: TelegramEntity[] = []
  const add = (part: string, type?: TelegramEntity['type']) => {
    if (type && part) entities.push({ type, offset: text.length, length: part.length })
    text += part
  }
  add('✅ ')
  add(s.heading, 'bold')
  if (!order.livemode) add(`\n🧪 ${s.testMode}`)
  add('\n\n')
  add(order.title, 'bold')
  add(`\n${s.amount}: `)
  add(formatMoney(order.qepik, locale), 'bold')
  if (order.quantity > 1) add(`\n${s.quantity}: ${order.quantity}`)
  add(`\n${s.reference}: `)
  add(order.client_rrn, 'code')
  if (order.reference) {
    add(`\n${s.yourReference}: `)
    add(order.reference, 'code')
  }
  const link = orderLink(dashboardUrl, order.client_rrn)
  // A plain URL that Telegram links by itself: a text_link to a loopback demo address could be refused.
  if (link) add(`\n\n${s.viewOrder}: ${link}`)
  return { text, entities }
}

const TelegramAnswer = v.object({
  description: v.optional(v.string()),
  parameters: v.optional(
    v.object({
      retry_after: v.optional(v.number()),
      migrate_to_chat_id: v.optional(v.number()),
    }),
  ),
})

/** What the operator should change for a refusal, when we know. */
function hint(status: number, description: string, migrateTo: number | undefined): string | undefined {
  if (migrateTo !== undefined) return `the group became a supergroup: set TELEGRAM_CHAT_ID=${migrateTo}`
  if (status === 401) return 'check TELEGRAM_BOT_TOKEN'
  if (status === 404) return 'check TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL'
  if (status === 403) return 'add the bot to the chat again: it was removed or blocked'
  if (/chat not found/i.test(description)) return 'check TELEGRAM_CHAT_ID and that the bot is in the chat'
  return undefined
}

function networkError(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return 'network error'
  if (error.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000} s`
  if (error.name === 'AbortError') return 'aborted'
  const cause: unknown = error.cause
  const code =
    cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined
  return `network error${code ? `: ${code}` : ''}`
}

/**
 * A {@link Sender} for the `telegram` channel. 2xx is delivered; 429, 5xx and network errors are
 * worth another attempt (a 429 says after how long); 400, 401, 403 and 404 are permanent.
 *
 * @example
 * const send = telegramSender({ token, chatId: '-1001234567890', locale: 'az', dashboardUrl })
 * await send(message, AbortSignal.timeout(30_000)) // { ok: true, status_code: 200 }
 */
export const telegramSender = ({
  apiUrl = TELEGRAM_API_URL,
  token,
  chatId,
  locale = 'az',
  dashboardUrl = null,
  fetch: fetchImpl = globalThis.fetch,
  timeoutMs = 10_000,
}: TelegramSenderOptions): Sender =>
  async function sendTelegram(message, signal): Promise<DeliveryOutcome> {
    const read = readPaidOrder(message)
    if (!read.ok) return read.outcome
    const secrets = [token.reveal()]
    const { text, entities } = telegramText(read.order, locale, dashboardUrl)
    let response: Response
    try {
      response = await fetchImpl(`${apiUrl.replace(/\/+$/, '')}/bot${token.reveal()}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'portmanat-checkout-notices' },
        body: JSON.stringify({
          chat_id: chatId,
          text,
          entities,
          link_preview_options: { is_disabled: true },
        }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
        redirect: 'error',
      })
    } catch (error) {
      return { ok: false, error: networkError(error, timeoutMs) }
    }
    const status = response.status
    let body = ''
    try {
      body = await response.text()
    } catch {
      // The status already says what happened; a broken body only loses the description.
    }
    if (response.ok) return { ok: true, status_code: status }

    let answer: v.InferOutput<typeof TelegramAnswer> = {}
    try {
      answer = v.parse(TelegramAnswer, JSON.parse(body))
    } catch {
      // Not Telegram's JSON (a proxy's error page): the status alone decides.
    }
    const description = answer.description ?? (response.statusText || 'no description')
    const retryAfter = answer.parameters?.retry_after
    const advice = hint(status, description, answer.parameters?.migrate_to_chat_id)
    const error = safeError(
      `HTTP ${status}: ${description}${status === 429 && retryAfter !== undefined && !/retry after/i.test(description) ? ` (retry after ${retryAfter} s)` : ''}${advice ? ` (${advice})` : ''}`,
      secrets,
    )
    const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429
    return { ok: false, status_code: status, error, ...(permanent ? { permanent } : {}) }
  }
