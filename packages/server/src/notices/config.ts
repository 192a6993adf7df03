/**
 * The notices' part of the environment: a Telegram chat (`TELEGRAM_BOT_TOKEN`, `TELEGRAM_CHAT_ID`,
 * `TELEGRAM_API_URL`), a mailbox (`SMTP_URL`, `MAIL_FROM`, `MAIL_TO`) and the merchant's language
 * (`NOTICE_LOCALE`). Each channel is all-or-nothing; a half-configured one stops the server with one
 * line naming the variable, so that nobody believes in notices that will never come.
 */
import { LOCALES, type Locale } from '@portmanat-checkout/shared'
import addressparser from 'nodemailer/lib/addressparser'
import * as v from 'valibot'
import { ConfigError, type Env } from '../config-error.ts'
import { Secret } from '../secret.ts'
import { isLoopback, parseSmtpUrl } from './smtp-url.ts'

export interface TelegramConfig {
  /** Bot API base without a trailing slash. @default 'https://api.telegram.org' */
  apiUrl: string
  token: Secret
  /** A numeric chat id (`-100…` for groups and channels) or `@channelname`. */
  chatId: string
}

export interface EmailConfig {
  /** The whole `SMTP_URL`: it carries the password. */
  smtpUrl: Secret
  /** The same URL without its password, for logs and `doctor`: `smtps://user@host:465`. */
  server: string
  /** One address, optionally with a name (`Shop <shop@example.az>`). */
  from: Mailbox
  to: readonly Mailbox[]
}

/** An e-mail address and the name shown with it ('' for none), as nodemailer takes them. */
export interface Mailbox {
  name: string
  address: string
}

export interface NoticeConfig {
  /** The merchant's language for the notices. @default 'az' */
  locale: Locale
  telegram: TelegramConfig | null
  email: EmailConfig | null
}

export const TELEGRAM_API_URL = 'https://api.telegram.org'

/** Reads one variable through a schema; a secret's value never appears in the error. */
function pick<T>(env: Env, name: string, schema: v.GenericSchema<string, T>, secret = false): T | undefined {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return undefined
  const parsed = v.safeParse(schema, raw)
  if (parsed.success) return parsed.output
  const reason = parsed.issues[0]?.message ?? 'is invalid'
  const shown = JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw)
  throw new ConfigError(name, secret ? reason : `${reason} (got ${shown})`)
}

const BotToken = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^\d{3,20}:[A-Za-z0-9_-]{20,100}$/, 'must be the token @BotFather gave, such as 123456789:AAH…'),
)

const ChatId = v.pipe(
  v.string(),
  v.trim(),
  v.regex(
    /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/,
    'must be a numeric chat id such as -1001234567890, or @channelname',
  ),
)

const ApiUrl = v.pipe(
  v.string(),
  v.trim(),
  v.check((s) => URL.canParse(s), `must be an absolute URL such as ${TELEGRAM_API_URL}`),
  v.transform((s) => new URL(s)),
  v.check(
    (u) => u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname)),
    'must use https:// (plain http only on this machine, for tests): the bot token travels in its path',
  ),
  v.check(
    (u) => !u.search && !u.hash && !u.username && !u.password,
    'must not carry a query, fragment or credentials',
  ),
  v.transform((u) => `${u.origin}${u.pathname}`.replace(/\/+$/, '')),
)

const SmtpUrl = v.pipe(
  v.string(),
  v.trim(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const parsed = parseSmtpUrl(dataset.value)
    if (parsed.ok) return { url: dataset.value, display: parsed.server.display }
    addIssue({ message: parsed.message })
    return NEVER
  }),
)

const Email = v.pipe(v.string(), v.email())

/** Comma-separated addresses, each optionally with a name, read by nodemailer's own parser. */
const Mailboxes = (what: string, max: number) =>
  v.pipe(
    v.string(),
    v.transform((s) => addressparser(s, { flatten: true })),
    v.check((list) => list.length >= 1 && list.length <= max, `must be ${what}`),
    v.check((list) => list.every((box) => v.is(Email, box.address)), `must be ${what}`),
    v.transform((list): Mailbox[] => list.map(({ name, address }) => ({ name, address }))),
  )

const NoticeLocale = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.picklist(LOCALES, 'must be az, en or ru'),
)

function allOrNothing(group: string, names: readonly string[], present: readonly boolean[]) {
  if (present.every(Boolean) || !present.some(Boolean)) return
  const missing = names[present.indexOf(false)] ?? names[0] ?? ''
  throw new ConfigError(
    missing,
    `is missing: ${group} need ${names.join(', ').replace(/, ([^,]*)$/, ' and $1')}`,
  )
}

/**
 * Validates the notices' variables. Throws a {@link ConfigError} naming the first bad variable;
 * the message never contains the bot token or the SMTP password.
 *
 * @example noticeConfig({ TELEGRAM_BOT_TOKEN: '123:AAH…', TELEGRAM_CHAT_ID: '-100123' }).telegram
 */
export function noticeConfig(env: Env): NoticeConfig {
  const locale = pick(env, 'NOTICE_LOCALE', NoticeLocale) ?? 'az'

  const token = pick(env, 'TELEGRAM_BOT_TOKEN', BotToken, true)
  const chatId = pick(env, 'TELEGRAM_CHAT_ID', ChatId)
  const apiUrl = pick(env, 'TELEGRAM_API_URL', ApiUrl)
  allOrNothing(
    'Telegram notices',
    ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_CHAT_ID'],
    [token !== undefined, chatId !== undefined],
  )
  if (apiUrl !== undefined && token === undefined)
    throw new ConfigError(
      'TELEGRAM_BOT_TOKEN',
      'is missing: TELEGRAM_API_URL is set, but Telegram notices need TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID',
    )

  const smtp = pick(env, 'SMTP_URL', SmtpUrl, true)
  const from = pick(env, 'MAIL_FROM', Mailboxes('one address such as Shop <shop@example.az>', 1))
  const to = pick(env, 'MAIL_TO', Mailboxes('comma-separated addresses such as owner@example.az', 50))
  allOrNothing(
    'e-mail notices',
    ['SMTP_URL', 'MAIL_FROM', 'MAIL_TO'],
    [smtp !== undefined, from !== undefined, to !== undefined],
  )

  return {
    locale,
    telegram:
      token && chatId ? { apiUrl: apiUrl ?? TELEGRAM_API_URL, token: new Secret(token), chatId } : null,
    email:
      smtp && from?.[0] && to
        ? {
            smtpUrl: new Secret(smtp.url),
            server: smtp.display,
            from: from[0],
            to,
          }
        : null,
  }
}
