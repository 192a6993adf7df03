/**
 * Several server instances on one PostgreSQL, as behind a load balancer: a burst of callbacks for
 * one order, spread over both, makes one transition and one webhook delivery. Real processes,
 * a real database, the PSP emulator on its own port (both instances ask the same one).
 */
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, onTestFinished, test } from 'vitest'
import { engines, freshLedger } from './store/test-engines.ts'
import { buyOverHttp } from './testing/sandbox-buyer.ts'
import { freePort, startSandbox, startServer, workFolder } from './testing/server-process.ts'

const postgres = engines.find((engine) => engine.dialect === 'postgres')
const SERVICE = { service_id: '424242', secret: 'two-instances-secret-0123456789', title: 'Shop' }
const WEBHOOK_SECRET = `whsec_${Buffer.from('two-instances-webhook-secret-32b').toString('base64')}`

async function receiver() {
  const bodies: string[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    req.on('end', () => {
      bodies.push(body)
      res.writeHead(204).end()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  onTestFinished(() => new Promise<void>((done) => server.close(() => done())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, bodies }
}

describe.skipIf(!postgres)('two instances on one PostgreSQL', () => {
  test('100 concurrent callbacks for one order, over both: one transition, one delivery', {
    timeout: 120_000,
  }, async () => {
    if (!postgres) return
    const { url: databaseUrl } = await freshLedger(postgres)
    const hook = await receiver()
    const [pspPort, portA, portB] = [await freePort(), await freePort(), await freePort()]
    const psp = `http://127.0.0.1:${pspPort}`
    const a = `http://127.0.0.1:${portA}`
    const b = `http://127.0.0.1:${portB}`

    const folder = workFolder()
    const services = join(folder, 'services.json')
    writeFileSync(services, JSON.stringify([{ ...SERVICE, callback_url: `${a}/api/callback`, test: false }]))
    const sandbox = startSandbox({ PORT: String(pspPort), SANDBOX_SERVICES: services }, folder)
    expect(await sandbox.healthy(psp, 20_000, '/_sandbox/services')).toBe(true)

    const env = (publicUrl: string, port: number) => ({
      PORTMANAT_MODE: 'live',
      PORTMANAT_SERVICE_ID: SERVICE.service_id,
      PORTMANAT_SECRET_KEY: SERVICE.secret,
      PORTMANAT_PSP_URL: psp,
      PUBLIC_URL: publicUrl,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      WEBHOOK_URL: hook.url,
      WEBHOOK_SECRET,
      CATALOG: join(folder, 'catalog.json'),
    })
    writeFileSync(
      join(folder, 'catalog.json'),
      JSON.stringify({ items: { premium: { title: 'Premium', amount: '5.23' } } }),
    )
    const first = startServer(env(a, portA), folder)
    const second = startServer(env(b, portB), folder)
    expect(await first.healthy(a)).toBe(true)
    expect(await second.healthy(b)).toBe(true)

    const bought = await buyOverHttp(a, 'premium', '4242424242424242')
    const query = new URL(bought.callback).search
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        fetch(`${i % 2 ? a : b}/api/callback${query}`, { redirect: 'manual' }),
      ),
    )
    for (const res of answers) expect(res.status).toBeLessThan(500)
    expect(await (await fetch(`${b}/api/payments/${bought.client_rrn}`)).json()).toMatchObject({
      status: 'paid',
    })

    // Both workers run; give them time to (wrongly) deliver twice.
    const until = Date.now() + 20_000
    while (hook.bodies.length === 0 && Date.now() < until) await new Promise((done) => setTimeout(done, 100))
    await new Promise((done) => setTimeout(done, 3000))
    expect(hook.bodies).toHaveLength(1)
    expect(JSON.parse(hook.bodies[0] ?? '{}')).toMatchObject({
      type: 'order.paid',
      data: { client_rrn: bought.client_rrn, livemode: true },
    })

    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      const { rows } = await client.query<{ to_status: string }>(
        'select to_status from order_events where client_rrn = $1 order by id',
        [bought.client_rrn],
      )
      expect(rows.map((row) => row.to_status)).toEqual(['created', 'paid'])
      const deliveries = await client.query<{ n: number }>(
        'select count(*)::int as n from deliveries d join outbox o on o.id = d.message_id where o.client_rrn = $1',
        [bought.client_rrn],
      )
      expect(deliveries.rows[0]?.n).toBe(1)
    } finally {
      await client.end()
    }
  })
})
