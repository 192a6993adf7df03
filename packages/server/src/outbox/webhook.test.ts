import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Secret } from './secret.ts'
import type { Order } from './store/types.ts'
import { captureLogger } from './testing/capture-logger.ts'
import { createWebhooks, type WebhookEvent, webhookSignature } from './webhooks.ts'

const order = (overrides: Partial<Order> = {}): Order => ({
  client_rrn: 'a'.repeat(24),
  qepik: 523,
  item_id: 'premium',
  title: 'Premium plan',
  description: null,
  reference: 'inv-1',
  return_url: null,
  locale: null,
  status: 'paid',
  reason: null,
  psp_rrn: 'p-1',
  bank_rrn: 'b-1',
  client_ip: '203.0.113.7',
  idempotency_key: 'key-1',
  request_hash: 'f'.repeat(64),
  order_token: 'token-that-must-not-leak',
  check_attempts: 0,
  next_check_at: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:01:00.000Z',
  ...overrides,
})

const SECRET = new Secret('whsec-0123456789abcdef')
const clock = () => new Date('2026-01-01T00:01:00Z')

describe('webhooks', () => {
  it('POSTs a signed JSON event that a receiver can verify with node:crypto', async () => {
    const sent: Array<{ url: string; headers: Headers; body: string }> = []
    const webhooks = createWebhooks({
      url: 'https://shop.example/hooks',
      secret: SECRET,
      logger: captureLogger().logger,
      clock,
      fetch: async (url, init) => {
        sent.push({ url, headers: new Headers(init.headers), body: String(init.body) })
        return new Response('ok')
      },
    })
    webhooks.orderChanged(order())
    await webhooks.idle()
    expect(sent).toHaveLength(1)
    const [delivery] = sent
    if (!delivery) throw new Error('nothing sent')
    const signature = delivery.headers.get('portmanat-signature') ?? ''
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)
    expect(match).not.toBeNull()
    const expected = createHmac('sha256', 'whsec-0123456789abcdef')
      .update(`${match?.[1]}.${delivery.body}`)
      .digest('hex')
    expect(match?.[2]).toBe(expected)
    const event = JSON.parse(delivery.body) as WebhookEvent
    expect(event.type).toBe('order.paid')
    expect(event.id).toMatch(/^evt_[0-9a-f]{32}$/)
    expect(event.data).toMatchObject({
      client_rrn: 'a'.repeat(24),
      amount: '5.23',
      status: 'paid',
      reference: 'inv-1',
    })
    expect(delivery.body).not.toContain('token-that-must-not-leak')
    expect(delivery.body).not.toContain('key-1')
    expect(delivery.body).not.toContain('whsec')
  })

  it('retries with backoff and gives up after the last delay, never throwing', async () => {
    let calls = 0
    const { logger, records } = captureLogger()
    const webhooks = createWebhooks({
      url: 'https://shop.example/hooks',
      secret: SECRET,
      logger,
      retryDelaysMs: [1, 1],
      fetch: async () => {
        calls += 1
        return new Response('nope', { status: 500 })
      },
    })
    webhooks.orderChanged(order({ status: 'failed', reason: 'declined' }))
    await webhooks.idle()
    while (calls < 3) await new Promise((done) => setTimeout(done, 2))
    await webhooks.idle()
    expect(calls).toBe(3)
    expect(records().map((r) => r.event)).toEqual(['webhook.retry', 'webhook.retry', 'webhook.gave_up'])
  })

  it('sends nothing for created orders', async () => {
    let calls = 0
    const webhooks = createWebhooks({
      url: 'https://shop.example/hooks',
      secret: SECRET,
      logger: captureLogger().logger,
      fetch: async () => {
        calls += 1
        return new Response('ok')
      },
    })
    webhooks.orderChanged(order({ status: 'created' }))
    await webhooks.idle()
    expect(calls).toBe(0)
  })

  it('signs "{t}.{body}"', () => {
    const expected = createHmac('sha256', 'whsec-0123456789abcdef').update('1700000000.{"a":1}').digest('hex')
    expect(webhookSignature(SECRET, 1700000000, '{"a":1}')).toBe(`t=1700000000,v1=${expected}`)
  })
})
