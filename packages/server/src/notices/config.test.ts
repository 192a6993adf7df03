import { describe, expect, it } from 'vitest'
import { ConfigError, type Env } from '../config-error.ts'
import { noticeConfig } from './config.ts'
import { parseSmtpUrl } from './smtp-url.ts'

const TOKEN = '7310924455:AAHk1-secret_TOKEN_value_0123456789'
const PASSWORD = 'hunter2-Sm7p-pa55'

const telegram = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_ID: '-1001234567890' }
const email = {
  SMTP_URL: `smtps://shop%40example.az:${PASSWORD}@smtp.example.az`,
  MAIL_FROM: 'Çay evi <shop@example.az>',
  MAIL_TO: 'owner@example.az, "Mühasib, Aynur" <books@example.az>',
}

/** The error `noticeConfig(env)` throws; fails the test when it throws none. */
function errorOf(env: Env): ConfigError {
  try {
    noticeConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('noticeConfig accepted the environment')
}

describe('noticeConfig', () => {
  it('turns nothing on when nothing is set, in Azerbaijani', () => {
    expect(noticeConfig({})).toEqual({ locale: 'az', telegram: null, email: null })
    expect(noticeConfig({ TELEGRAM_BOT_TOKEN: '', SMTP_URL: ' ' })).toEqual({
      locale: 'az',
      telegram: null,
      email: null,
    })
  })

  it('reads a Telegram chat, with the public Bot API by default', () => {
    const { telegram: config } = noticeConfig(telegram)
    expect(config?.apiUrl).toBe('https://api.telegram.org')
    expect(config?.chatId).toBe('-1001234567890')
    expect(config?.token.reveal()).toBe(TOKEN)
    expect(JSON.stringify(config)).not.toContain(TOKEN)
    expect(noticeConfig({ ...telegram, TELEGRAM_CHAT_ID: '@shop_payments' }).telegram?.chatId).toBe(
      '@shop_payments',
    )
  })

  it('takes a stand-in Bot API over plain http only on this machine', () => {
    expect(noticeConfig({ ...telegram, TELEGRAM_API_URL: 'http://127.0.0.1:8081/' }).telegram?.apiUrl).toBe(
      'http://127.0.0.1:8081',
    )
    expect(
      noticeConfig({ ...telegram, TELEGRAM_API_URL: 'https://tg.proxy.example/api' }).telegram?.apiUrl,
    ).toBe('https://tg.proxy.example/api')
    const error = errorOf({ ...telegram, TELEGRAM_API_URL: 'http://tg.proxy.example' })
    expect(error.variable).toBe('TELEGRAM_API_URL')
    expect(error.message).toMatch(/^Invalid configuration: TELEGRAM_API_URL must use https:\/\//)
  })

  it.each([
    [{ TELEGRAM_BOT_TOKEN: TOKEN }, 'TELEGRAM_CHAT_ID'],
    [{ TELEGRAM_CHAT_ID: '-100123' }, 'TELEGRAM_BOT_TOKEN'],
    [{ TELEGRAM_API_URL: 'https://api.telegram.org' }, 'TELEGRAM_BOT_TOKEN'],
    [{ SMTP_URL: email.SMTP_URL }, 'MAIL_FROM'],
    [{ SMTP_URL: email.SMTP_URL, MAIL_FROM: email.MAIL_FROM }, 'MAIL_TO'],
    [{ MAIL_TO: email.MAIL_TO }, 'SMTP_URL'],
  ])('refuses a half-configured channel %#, naming %s', (env, variable) => {
    const error = errorOf(env)
    expect(error.variable).toBe(variable)
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} is missing: `))
    expect(error.message).not.toContain(TOKEN)
    expect(error.message).not.toContain(PASSWORD)
  })

  it('names a malformed bot token without showing it', () => {
    for (const bad of [`${TOKEN} `.repeat(2), 'AAHk1-secret_TOKEN_value_0123456789', `${TOKEN}/x`]) {
      const error = errorOf({ ...telegram, TELEGRAM_BOT_TOKEN: bad })
      expect(error.variable).toBe('TELEGRAM_BOT_TOKEN')
      expect(error.message).toContain('@BotFather')
      expect(error.message).not.toContain('secret_TOKEN')
    }
  })

  it('shows a malformed chat id, which is no secret', () => {
    const error = errorOf({ ...telegram, TELEGRAM_CHAT_ID: 'my shop' })
    expect(error.variable).toBe('TELEGRAM_CHAT_ID')
    expect(error.message).toContain('"my shop"')
  })

  it('reads a mailbox: the server without its password, names and addresses', () => {
    const { email: config } = noticeConfig(email)
    expect(config?.server).toBe('smtps://shop%40example.az@smtp.example.az:465')
    expect(config?.smtpUrl.reveal()).toBe(email.SMTP_URL)
    expect(config?.from).toEqual({ name: 'Çay evi', address: 'shop@example.az' })
    expect(config?.to).toEqual([
      { name: '', address: 'owner@example.az' },
      { name: 'Mühasib, Aynur', address: 'books@example.az' },
    ])
    expect(JSON.stringify(config)).not.toContain(PASSWORD)
  })

  it.each([
    `https://user:${PASSWORD}@smtp.example.az`,
    `smtp://user:${PASSWORD}@smtp.example.az:99999`,
    `smtp://user:${PASSWORD}@smtp.example.az/inbox`,
    `smtps://user:${PASSWORD}@smtp.example.az?tls.rejectUnauthorized=false`,
    `smtp://user:${PASSWORD}/x@smtp.example.az`,
    `smtp://user:%E0%A4%A@smtp.example.az`,
    'smtp://user@smtp.example.az',
    `smtp://:${PASSWORD}@smtp.example.az`,
    'smtp.example.az:587',
  ])('names a bad SMTP_URL without showing its password: %s', (url) => {
    const error = errorOf({ ...email, SMTP_URL: url })
    expect(error.variable).toBe('SMTP_URL')
    expect(error.message).toMatch(/^Invalid configuration: SMTP_URL must be smtp:\/\/host:port or smtps:\/\//)
    expect(error.message).not.toContain(PASSWORD)
    expect(error.message).not.toContain('smtp.example.az')
  })

  it.each([
    ['MAIL_TO', 'owner@example'],
    ['MAIL_TO', 'owner@example.az, not an address'],
    ['MAIL_TO', ','],
    ['MAIL_FROM', 'a@example.az, b@example.az'],
    ['MAIL_FROM', 'Shop'],
  ])('names a bad %s: %s', (variable, value) => {
    const error = errorOf({ ...email, [variable]: value })
    expect(error.variable).toBe(variable)
    expect(error.message).toContain(JSON.stringify(value))
  })

  it('reads the merchant language, and refuses one we do not have', () => {
    expect(noticeConfig({ NOTICE_LOCALE: 'ru' }).locale).toBe('ru')
    expect(noticeConfig({ NOTICE_LOCALE: ' EN ' }).locale).toBe('en')
    const error = errorOf({ NOTICE_LOCALE: 'tr' })
    expect(error.variable).toBe('NOTICE_LOCALE')
    expect(error.message).toBe('Invalid configuration: NOTICE_LOCALE must be az, en or ru (got "tr")')
  })
})

describe('parseSmtpUrl', () => {
  it('uses the usual ports and decodes the credentials', () => {
    const result = parseSmtpUrl('smtp://u%40x.az:p%3Ass@mail.example.az')
    expect(result.ok && result.server).toMatchObject({ host: 'mail.example.az', port: 587, secure: false })
    expect(result.ok && result.server.auth?.user).toBe('u@x.az')
    expect(result.ok && result.server.auth?.pass.reveal()).toBe('p:ss')
    const tls = parseSmtpUrl('smtps://mail.example.az')
    expect(tls.ok && tls.server).toMatchObject({ port: 465, secure: true, requireTLS: false, auth: null })
  })

  it('requires TLS before a password crosses the network, not on this machine', () => {
    const remote = parseSmtpUrl('smtp://u:p@mail.example.az:587')
    expect(remote.ok && remote.server.requireTLS).toBe(true)
    const local = parseSmtpUrl('smtp://u:p@127.0.0.1:2525')
    expect(local.ok && local.server.requireTLS).toBe(false)
    const ipv6 = parseSmtpUrl('smtp://u:p@[::1]:2525')
    expect(ipv6.ok && ipv6.server).toMatchObject({ host: '::1', requireTLS: false })
    const anonymous = parseSmtpUrl('smtp://relay.internal:25')
    expect(anonymous.ok && anonymous.server.requireTLS).toBe(false)
  })
})
