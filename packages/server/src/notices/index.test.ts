import { describe, expect, it } from 'vitest'
import { noticeChannels, noticeConfig, noticeSenders } from './index.ts'

describe('noticeSenders', () => {
  it('makes a sender for each configured channel and none for the others', () => {
    const none = noticeSenders(noticeConfig({}), { dashboardUrl: null })
    expect(noticeChannels(none)).toEqual([])

    const telegramOnly = noticeSenders(
      noticeConfig({
        TELEGRAM_BOT_TOKEN: '7310924455:AAHk1-secret_TOKEN_value_0123456789',
        TELEGRAM_CHAT_ID: '42',
      }),
      { dashboardUrl: 'https://pay.example.az/dashboard' },
    )
    expect(noticeChannels(telegramOnly)).toEqual(['telegram'])

    const both = noticeSenders(
      noticeConfig({
        TELEGRAM_BOT_TOKEN: '7310924455:AAHk1-secret_TOKEN_value_0123456789',
        TELEGRAM_CHAT_ID: '42',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        MAIL_FROM: 'shop@example.az',
        MAIL_TO: 'owner@example.az',
      }),
      { dashboardUrl: null },
    )
    expect(noticeChannels(both)).toEqual(['telegram', 'email'])
    expect(typeof both.email).toBe('function')
  })
})
