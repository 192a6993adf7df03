/**
 * Throughput of `POST /check` on a real socket: a fixed number of requests at a fixed
 * concurrency, bounded in both. Prints requests per second and latency percentiles.
 *
 *   pnpm --filter @portmanat-checkout/sandbox bench [requests=5000] [concurrency=16]
 */
import { createHmac } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { signingMessage } from '@portmanat-checkout/shared'
import { createSandbox, DEMO_SERVICE } from '../src/index.ts'

const total = Math.min(Number(process.argv[2] ?? 5000), 100_000)
const concurrency = Math.min(Number(process.argv[3] ?? 16), 256)

const sandbox = createSandbox({ services: [{ ...DEMO_SERVICE, callback_url: 'http://127.0.0.1/cb' }] })
let server: ReturnType<typeof serve> | undefined
const port = await new Promise<number>((resolve) => {
  server = serve({ fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
    resolve(info.port),
  )
})
const url = `http://127.0.0.1:${port}`

const fields = {
  service_id: DEMO_SERVICE.service_id,
  client_rrn: 'bench0000000000000000000',
  amount: '5.23',
  client_ip: '127.0.0.1',
}
const hash = createHmac('sha256', DEMO_SERVICE.secret).update(signingMessage(fields)).digest('hex')
await fetch(`${url}/process`, { method: 'POST', body: new URLSearchParams({ ...fields, hash }) })
const [payment] = sandbox.control.payments()
const body = new URLSearchParams({ psp_rrn: payment?.psp_rrn ?? '' }).toString()

const latencies: number[] = []
let next = 0
const started = performance.now()
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next++ < total) {
      const t0 = performance.now()
      const response = await fetch(`${url}/check`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      })
      await response.text()
      latencies.push(performance.now() - t0)
    }
  }),
)
const seconds = (performance.now() - started) / 1000
latencies.sort((a, b) => a - b)
const pct = (p: number) =>
  (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(2)
console.log(`POST /check: ${latencies.length} requests, concurrency ${concurrency}, ${seconds.toFixed(2)} s`)
console.log(
  `${(latencies.length / seconds).toFixed(0)} req/s · p50 ${pct(50)} ms · p99 ${pct(99)} ms · max ${pct(100)} ms`,
)
server?.close()
