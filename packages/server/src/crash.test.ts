/**
 * Crashes of the real server (`kill -9`) at the worst moments: nothing the PSP or the merchant
 * must hear of is lost. The server runs as a child process on a SQLite file that outlives it.
 */
import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { describe, expect, test } from 'vitest'
import { engines, freshLedger } from './store/test-engines.ts'
import { buyOverHttp } from './testing/sandbox-buyer.ts'
import { freePort, startServer, workFolder } from './testing/server-process.ts'

const PAID_CARD = '4242424242424242'
const WEBHOOK_SECRET = `whsec_${Buffer.from('crash-test-webhook-secret-32-byte').toString('base64')}`
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

async function statusOf(url: string, clientRrn: string): Promise<string> {
  const res = await fetch(`${url}/api/payments/${clientRrn}`)
  return ((await res.json()) as { status: string }).status
}

async function eventually<T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs
  let value = await what()
  while (!ok(value) && Date.now() < until) {
    await sleep(250)
    value = await what()
  }
  return value
}

/** A merchant backend that refuses deliveries until `accept()`. */
async function webhookReceiver() {
  const received: { headers: IncomingMessage['headers']; body: string; answered: number }[] = []
  let status = 503
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    req.on('end', () => {
      received.push({ headers: req.headers, body, answered: status })
      res.writeHead(status).end()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    accept() {
      status = 204
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}

/** The ledger the server keeps across its deaths: a SQLite file in its folder, or a PostgreSQL schema. */
const ledgers = [
  { name: 'SQLite', url: async () => 'sqlite:./data/payments.db' },
  ...engines
    .filter((engine) => engine.dialect === 'postgres')
    .map((engine) => ({ name: 'PostgreSQL', url: async () => (await freshLedger(engine)).url })),
]

describe.each(ledgers)('kill -9 on $name', (ledger) => {
  test('while /check is in flight: the follow-up job pays the order with no buyer returning', {
    timeout: 90_000,
  }, async () => {
    const cwd = workFolder()
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const env = { PORT: String(port), DATABASE_URL: await ledger.url(), LOG_LEVEL: 'warn' }
    const first = startServer(env, cwd)
    expect(await first.healthy(url)).toBe(true)
    const bought = await buyOverHttp(url, 'premium', PAID_CARD)

    // The PSP hangs on /check; the buyer's browser arrives at the callback; the server dies.
    const faults = await fetch(`${url}/sandbox/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hang: true }),
    })
    expect(faults.status).toBe(200)
    const callback = fetch(bought.callback, { redirect: 'manual' }).catch(() => undefined)
    await sleep(700)
    first.child.kill('SIGKILL')
    await first.exit()
    await callback

    const second = startServer(env, cwd)
    expect(await second.healthy(url)).toBe(true)
    await fetch(`${url}/sandbox/_sandbox/faults`, { method: 'DELETE' })
    expect(
      await eventually(
        () => statusOf(url, bought.client_rrn),
        (s) => s === 'paid',
        60_000,
      ),
    ).toBe('paid')
  })

  test('between the state change and its webhook: delivered after the restart', {
    timeout: 120_000,
  }, async () => {
    const receiver = await webhookReceiver()
    try {
      const cwd = workFolder()
      const port = await freePort()
      const url = `http://127.0.0.1:${port}`
      const env = {
        PORT: String(port),
        DATABASE_URL: await ledger.url(),
        LOG_LEVEL: 'warn',
        WEBHOOK_URL: receiver.url,
        WEBHOOK_SECRET,
      }
      const first = startServer(env, cwd)
      expect(await first.healthy(url)).toBe(true)
      const bought = await buyOverHttp(url, 'premium', PAID_CARD)
      await fetch(bought.callback, { redirect: 'manual' })
      expect(await statusOf(url, bought.client_rrn)).toBe('paid')
      // The merchant's backend was down for the first delivery; then the server dies.
      await eventually(
        async () => receiver.received.length,
        (n) => n > 0,
        10_000,
      )
      first.child.kill('SIGKILL')
      await first.exit()
      receiver.accept()

      const second = startServer(env, cwd)
      expect(await second.healthy(url)).toBe(true)
      const delivered = await eventually(
        async () => receiver.received.filter((r) => r.answered === 204),
        (list) => list.length > 0,
        // The first try may have been claimed but not recorded when the process died: its lease
        // (30 s) runs out first.
        90_000,
      )
      expect(delivered).toHaveLength(1)
      const [last] = delivered
      const headers = Object.fromEntries(
        Object.entries(last?.headers ?? {}).map(([k, v]) => [k, String(v)]),
      ) as Record<string, string>
      const event = new Webhook(WEBHOOK_SECRET).verify(last?.body ?? '', headers) as {
        type: string
        data: { client_rrn: string; livemode: boolean }
      }
      expect(event).toMatchObject({
        type: 'order.paid',
        data: { client_rrn: bought.client_rrn, livemode: false },
      })
      // Every attempt carried the same id: the receiver can drop repeats.
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1)
    } finally {
      await receiver.close()
    }
  })
})
