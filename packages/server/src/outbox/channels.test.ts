/**
 * The channels as the configuration turns them on: a paid order writes one message per channel
 * that wants it, and the worker hands each to the real sender (here a stand-in Bot API on a port).
 */
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness, TEST_CARDS } from '../testing/harness.ts'

async function standInTelegram() {
  const got: { path: string; body: Record<string, unknown> }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    req.on('end', () => {
      got.push({ path: req.url ?? '', body: JSON.parse(body || '{}') as Record<string, unknown> })
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":{}}')
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  onTestFinished(() => new Promise<void>((done) => server.close(() => done())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got }
}

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'

describe.each(storeFactories)('outbox channels on $name', (store) => {
  it('a paid order reaches Telegram with its title and amount; a declined one does not', async () => {
    const telegram = await standInTelegram()
    const h = await createHarness({
      store,
      env: {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_CHAT_ID: '-1001234567890',
        TELEGRAM_API_URL: telegram.url,
        NOTICE_LOCALE: 'en',
        DASHBOARD_PASSWORD: 'correct horse battery staple',
      },
    })
    expect(h.services.routes.map((route) => route.channel)).toEqual(['telegram'])
    const paid = await h.buy('premium')
    await h.request(paid.callback)
    const declined = await h.buy('premium', TEST_CARDS.declined)
    await h.request(declined.callback)
    expect((await h.store.messages(declined.client_rrn)).map((m) => m.channel)).toEqual([])
    expect(await h.outbox.runOnce()).toBe(1)
    expect(telegram.got).toHaveLength(1)
    const [sent] = telegram.got
    expect(sent?.path).toBe(`/bot${TOKEN}/sendMessage`)
    expect(sent?.body.chat_id).toBe('-1001234567890')
    expect(String(sent?.body.text)).toContain('Premium plan')
    expect(String(sent?.body.text)).toContain('5.23')
    expect(String(sent?.body.text)).toContain(`/dashboard/orders/${paid.client_rrn}`)
    expect((await h.store.messages(paid.client_rrn))[0]).toMatchObject({
      channel: 'telegram',
      status: 'delivered',
    })
  })
})
