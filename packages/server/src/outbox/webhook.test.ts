import { createHmac } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it, onTestFinished } from 'vitest'
import { Secret } from '../secret.ts'
import type { OutboxMessage } from '../store/types.ts'
import { webhookSender, webhookSignature } from './webhook.ts'

// The test vector published with the Standard Webhooks specification.
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
}
const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`
const NEXT_SECRET = `whsec_${Buffer.from('fedcba9876543210fedcba9876543210').toString('base64')}`

const message = (overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
  id: 'msg_1',
  event_id: 'evt_0123456789abcdef01234567',
  channel: 'webhook',
  type: 'order.paid',
  client_rrn: 'abcdefghijklmnopqrstuvwx',
  payload: JSON.stringify({
    type: 'order.paid',
    timestamp: '2026-11-28T10:00:00.000Z',
    data: { client_rrn: 'abcdefghijklmnopqrstuvwx', amount: '5.23', livemode: false },
  }),
  status: 'pending',
  attempts: 0,
  next_attempt_at: '2026-11-28T10:00:00.000Z',
  locked_until: null,
  last_error: null,
  last_status_code: null,
  created_at: '2026-11-28T10:00:00.000Z',
  updated_at: '2026-11-28T10:00:00.000Z',
  delivered_at: null,
  ...overrides,
})

/** A receiver on a real port that answers `status` and keeps what it got. */
async function receiver(
  status = 204,
  answer: (res: ServerResponse) => void = (res) => res.writeHead(status).end('ok'),
) {
  const got: { headers: Record<string, string>; body: string }[] = []
  let connections = 0
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    req.on('end', () => {
      got.push({ headers: req.headers as Record<string, string>, body })
      answer(res)
    })
  })
  server.on('connection', () => {
    connections += 1
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  onTestFinished(() => new Promise<void>((done) => server.close(() => done())))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    got,
    connections: () => connections,
  }
}

describe('Standard Webhooks signature', () => {
  it('matches the specification test vector', () => {
    expect(
      webhookSignature([new Secret(SPEC.secret)], SPEC.id, new Date(SPEC.timestamp * 1000), SPEC.body),
    ).toBe(SPEC.signature)
  })

  it('is HMAC-SHA256 over "id.timestamp.body" with the base64-decoded secret', () => {
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64')
    const expected = createHmac('sha256', key).update(`evt_1.1700000000.{"a":1}`).digest('base64')
    expect(webhookSignature([new Secret(SECRET)], 'evt_1', new Date(1_700_000_000_000), '{"a":1}')).toBe(
      `v1,${expected}`,
    )
  })

  it('signs with every secret during a rotation', () => {
    const header = webhookSignature([new Secret(SECRET), new Secret(NEXT_SECRET)], 'evt_1', new Date(0), '{}')
    expect(header.split(' ')).toHaveLength(2)
  })
})

describe('the webhook sender', () => {
  it('POSTs the event with the Standard Webhooks headers; the library verifies it with either secret', async () => {
    const hook = await receiver()
    const send = webhookSender({ url: hook.url, secrets: [new Secret(SECRET), new Secret(NEXT_SECRET)] })
    const sent = message()
    const before = Math.floor(Date.now() / 1000)
    expect(await send(sent, AbortSignal.timeout(5000))).toEqual({ ok: true, status_code: 204 })
    const [request] = hook.got
    if (!request) throw new Error('nothing received')
    expect(request.body).toBe(sent.payload)
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': sent.event_id })
    expect(Number(request.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(before)
    // The receiver's own check, as the README shows it, with the old and the new secret alike.
    for (const secret of [SECRET, NEXT_SECRET]) {
      expect(new Webhook(secret).verify(request.body, request.headers)).toMatchObject({ type: 'order.paid' })
    }
    expect(() => new Webhook(SPEC.secret).verify(request.body, request.headers)).toThrow()
  })

  it('reports a refusal with its status and a network failure without throwing', async () => {
    const hook = await receiver(500)
    const send = webhookSender({ url: hook.url, secrets: [new Secret(SECRET)] })
    expect(await send(message(), AbortSignal.timeout(5000))).toEqual({
      ok: false,
      status_code: 500,
      error: 'HTTP 500',
    })
    const closed = webhookSender({ url: 'http://127.0.0.1:9/hooks', secrets: [new Secret(SECRET)] })
    const outcome = await closed(message(), AbortSignal.timeout(5000))
    expect(outcome.ok).toBe(false)
    expect(outcome.error).toMatch(/^network error/)
  })

  it('keeps one connection for several deliveries and needs nothing of a long answer but its status', async () => {
    const hook = await receiver(200, (res) => res.writeHead(200).end('x'.repeat(1_000_000)))
    const send = webhookSender({ url: hook.url, secrets: [new Secret(SECRET)] })
    for (let i = 0; i < 3; i++) {
      expect(await send(message(), AbortSignal.timeout(5000))).toEqual({ ok: true, status_code: 200 })
    }
    expect(hook.got).toHaveLength(3)
    expect(hook.connections()).toBeLessThanOrEqual(3)
    const short = await receiver(204)
    const again = webhookSender({ url: short.url, secrets: [new Secret(SECRET)] })
    for (let i = 0; i < 3; i++) await again(message(), AbortSignal.timeout(5000))
    expect(short.connections()).toBe(1)
  })

  it('does not follow a redirect: a 3xx is a refusal with its status', async () => {
    const hook = await receiver(302, (res) => res.writeHead(302, { location: 'http://127.0.0.1:9/' }).end())
    const send = webhookSender({ url: hook.url, secrets: [new Secret(SECRET)] })
    expect(await send(message(), AbortSignal.timeout(5000))).toEqual({
      ok: false,
      status_code: 302,
      error: 'HTTP 302',
    })
    expect(hook.got).toHaveLength(1)
  })

  it('gives up on a receiver that sends nothing back within the signal', async () => {
    const hook = await receiver(204, () => {})
    const send = webhookSender({ url: hook.url, secrets: [new Secret(SECRET)] })
    expect(await send(message(), AbortSignal.timeout(50))).toEqual({ ok: false, error: 'timeout' })
  })

  it('gives up on a receiver that does not answer within the signal', async () => {
    const send = webhookSender({
      url: 'https://hooks.example.az/',
      secrets: [new Secret(SECRET)],
      fetch: (_url, init) =>
        new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    })
    expect(await send(message(), AbortSignal.timeout(20))).toEqual({ ok: false, error: 'timeout' })
  })
})
