import { formatMoney, type Locale } from '@portmanat-checkout/shared'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { Secret } from '../secret.ts'
import { type Listening, listen } from '../server.ts'
import { telegramSender } from './telegram.ts'
import { CLIENT_RRN, NEVER, paidMessage } from './testing.ts'

const TOKEN = '7310924455:AAHk1-secret_TOKEN_value_0123456789'
const CHAT = '-1001234567890'
const DASHBOARD = 'https://pay.example.az/dashboard'

interface Received {
  path: string
  contentType: string | undefined
  body: {
    chat_id: string
    text: string
    parse_mode?: string
    entities: { type: string; offset: number; length: number }[]
    link_preview_options?: { is_disabled: boolean }
  }
}

type Answer = { status: number; body: unknown } | 'hang'

/**
 * A stand-in for the Bot API on a real HTTP server: it answers `sendMessage` with the scripted
 * answers in turn (then 200 ok) and keeps every request it got.
 */
async function standIn(script: Answer[] = []) {
  const received: Received[] = []
  const app = new Hono()
  app.post('/:bot/sendMessage', async (c) => {
    received.push({
      path: c.req.path,
      contentType: c.req.header('content-type'),
      body: await c.req.json(),
    })
    const answer = script.shift() ?? {
      status: 200,
      body: { ok: true, result: { message_id: received.length } },
    }
    if (answer === 'hang') return new Promise<Response>(() => {})
    return c.json(answer.body, answer.status as 200)
  })
  const server = await listen({ fetch: app.fetch, port: 0, host: '127.0.0.1' })
  servers.push(server)
  return { url: server.url, received }
}

const servers: Listening[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close(100)))
})

const sender = (
  apiUrl: string,
  options: { locale?: Locale; dashboardUrl?: string | null; timeoutMs?: number } = {},
) => telegramSender({ apiUrl, token: new Secret(TOKEN), chatId: CHAT, dashboardUrl: DASHBOARD, ...options })

/** The part of `text` an entity covers. */
const covered = (text: string, entity: { offset: number; length: number }) =>
  text.slice(entity.offset, entity.offset + entity.length)

describe('telegramSender', () => {
  it('retries through a 500 and a 429, then delivers one message to the chat', async () => {
    const api = await standIn([
      { status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } },
      {
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 7',
          parameters: { retry_after: 7 },
        },
      },
    ])
    const send = sender(api.url)
    const message = paidMessage()

    // What the outbox worker does: the same row again after each retryable outcome.
    const first = await send(message, NEVER)
    expect(first).toEqual({ ok: false, status_code: 500, error: 'HTTP 500: Internal Server Error' })
    const second = await send({ ...message, attempts: 1 }, NEVER)
    expect(second).toEqual({
      ok: false,
      status_code: 429,
      error: 'HTTP 429: Too Many Requests: retry after 7',
    })
    const third = await send({ ...message, attempts: 2 }, NEVER)
    expect(third).toEqual({ ok: true, status_code: 200 })

    expect(api.received).toHaveLength(3)
    const [request] = api.received
    expect(request?.path).toBe(`/bot${TOKEN}/sendMessage`)
    expect(request?.contentType).toBe('application/json')
    expect(request?.body.chat_id).toBe(CHAT)
    expect(request?.body.parse_mode).toBeUndefined()
    expect(request?.body.link_preview_options).toEqual({ is_disabled: true })
    expect(request?.body.text).toBe(
      [
        '✅ Ödəniş alındı',
        '',
        'Premium plan',
        'Məbləğ: 5,23\u00a0₼',
        `Sifariş nömrəsi: ${CLIENT_RRN}`,
        'Sizin sistemdəki nömrə: INV-2026-0042',
        '',
        `İdarə panelində baxın: ${DASHBOARD}/orders/${CLIENT_RRN}`,
      ].join('\n'),
    )
    const { text, entities } = request?.body ?? { text: '', entities: [] }
    expect(entities.map((entity) => [entity.type, covered(text, entity)])).toEqual([
      ['bold', 'Ödəniş alındı'],
      ['bold', 'Premium plan'],
      ['bold', '5,23\u00a0₼'],
      ['code', CLIENT_RRN],
      ['code', 'INV-2026-0042'],
    ])
    // Every attempt is the same message.
    expect(new Set(api.received.map((r) => JSON.stringify(r.body))).size).toBe(1)
  })

  it.each([
    ['az', 'Ödəniş alındı', 'Məbləğ', '1.234,50\u00a0₼'],
    ['en', 'Payment received', 'Amount', '₼1,234.50'],
    ['ru', 'Оплата получена', 'Сумма', '1\u00a0234,50\u00a0₼'],
  ] as const)('writes in the merchant language: %s', async (locale, heading, amount, money) => {
    const api = await standIn()
    const outcome = await sender(api.url, { locale })(paidMessage({ amount: '1234.50', quantity: 3 }), NEVER)
    expect(outcome.ok).toBe(true)
    const text = api.received[0]?.body.text ?? ''
    expect(text.startsWith(`✅ ${heading}\n`)).toBe(true)
    expect(text).toContain(`\n${amount}: ${money}\n`)
    expect(money).toBe(formatMoney(123450, locale))
    expect(text).toMatch(/\n(Say|Quantity|Количество): 3\n/)
  })

  it('delivers a title with markup characters and emoji exactly as written', async () => {
    const api = await standIn()
    const title = '🍵 <b>Çay & "peçenye"</b> _*[x](y)` </a>'
    const reference = '<i>INV_1*</i>'
    await sender(api.url)(paidMessage({ title, reference }), NEVER)
    const { text, entities } = api.received[0]?.body ?? { text: '', entities: [] }
    expect(text).toContain(`\n${title}\n`)
    expect(text).toContain(`Sizin sistemdəki nömrə: ${reference}`)
    // Offsets count UTF-16 code units, so the emoji's two units must not shift the bold span.
    expect(entities.filter((e) => e.type === 'bold').map((e) => covered(text, e))).toContain(title)
    expect(entities.filter((e) => e.type === 'code').map((e) => covered(text, e))).toEqual([
      CLIENT_RRN,
      reference,
    ])
  })

  it('says a sandbox payment moved no money, and leaves the link out without a dashboard', async () => {
    const api = await standIn()
    await sender(api.url, { locale: 'en', dashboardUrl: null })(paidMessage({ livemode: false }), NEVER)
    const text = api.received[0]?.body.text ?? ''
    expect(text.split('\n').slice(0, 2)).toEqual([
      '✅ Payment received',
      '🧪 Test payment (sandbox): no real money moved.',
    ])
    expect(text).not.toContain('http')
  })

  it.each([
    [400, 'Bad Request: chat not found', undefined, 'check TELEGRAM_CHAT_ID'],
    [401, 'Unauthorized', undefined, 'check TELEGRAM_BOT_TOKEN'],
    [403, 'Forbidden: bot was kicked from the supergroup chat', undefined, 'add the bot to the chat again'],
    [404, 'Not Found', undefined, 'check TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL'],
    [
      400,
      'Bad Request: group chat was upgraded to a supergroup chat',
      { migrate_to_chat_id: -1009876543210 },
      'set TELEGRAM_CHAT_ID=-1009876543210',
    ],
  ])('gives up on HTTP %i (%s), saying what to fix', async (status, description, parameters, advice) => {
    const api = await standIn([{ status, body: { ok: false, error_code: status, description, parameters } }])
    const outcome = await sender(api.url)(paidMessage(), NEVER)
    expect(outcome).toMatchObject({ ok: false, status_code: status, permanent: true })
    expect(outcome.error).toContain(`HTTP ${status}: ${description}`)
    expect(outcome.error).toContain(advice)
    expect(outcome.error).not.toContain(TOKEN)
  })

  it('reports how long Telegram asks to wait, and never repeats a token an answer echoes', async () => {
    const api = await standIn([
      { status: 429, body: { ok: false, description: 'Flood control', parameters: { retry_after: 12 } } },
      { status: 400, body: { ok: false, description: `Bad Request: bot${TOKEN} is not welcome` } },
    ])
    const send = sender(api.url)
    expect(await send(paidMessage(), NEVER)).toEqual({
      ok: false,
      status_code: 429,
      error: 'HTTP 429: Flood control (retry after 12 s)',
    })
    const echoed = await send(paidMessage(), NEVER)
    expect(echoed.error).toBe('HTTP 400: Bad Request: bot[redacted] is not welcome')
  })

  it('retries a proxy error page by its status alone', async () => {
    const app = new Hono()
    app.post('*', (c) => c.html('<h1>502 Bad Gateway</h1>', 502))
    const server = await listen({ fetch: app.fetch, port: 0, host: '127.0.0.1' })
    servers.push(server)
    const outcome = await sender(server.url)(paidMessage(), NEVER)
    expect(outcome).toEqual({ ok: false, status_code: 502, error: 'HTTP 502: Bad Gateway' })
  })

  it('retries when nobody listens, without the token in the error', async () => {
    const api = await standIn()
    const closed = servers.pop()
    await closed?.close(100)
    const outcome = await sender(api.url)(paidMessage(), NEVER)
    expect(outcome).toEqual({ ok: false, error: 'network error: ECONNREFUSED' })
  })

  it('retries when the API does not answer in time', async () => {
    const api = await standIn(['hang'])
    const outcome = await sender(api.url, { timeoutMs: 200 })(paidMessage(), NEVER)
    expect(outcome).toEqual({ ok: false, error: 'timed out after 0.2 s' })
  })

  it('stops when the worker aborts, as a retryable outcome', async () => {
    const api = await standIn(['hang'])
    const controller = new AbortController()
    const pending = sender(api.url)(paidMessage(), controller.signal)
    setTimeout(() => controller.abort(), 50)
    expect(await pending).toEqual({ ok: false, error: 'aborted' })
  })

  it('refuses, without asking Telegram, an event that is not a paid order or a payload it cannot read', async () => {
    const api = await standIn()
    const send = sender(api.url)
    expect(await send(paidMessage({}, { type: 'order.failed' }), NEVER)).toEqual({
      ok: false,
      permanent: true,
      error: 'notices are only for order.paid, not order.failed',
    })
    expect(await send(paidMessage({ amount: '5.234' }), NEVER)).toEqual({
      ok: false,
      permanent: true,
      error: 'payload data.amount is invalid: amount has more than two decimals',
    })
    const float = JSON.stringify({
      type: 'order.paid',
      data: { ...JSON.parse(paidMessage().payload).data, amount: 5.23 },
    })
    expect(await send(paidMessage({}, { payload: float }), NEVER)).toMatchObject({
      ok: false,
      permanent: true,
    })
    expect(await send(paidMessage({}, { payload: '{' }), NEVER)).toMatchObject({ permanent: true })
    expect(await send(paidMessage({}, { client_rrn: 'another' }), NEVER)).toMatchObject({ permanent: true })
    expect(api.received).toHaveLength(0)
  })
})
