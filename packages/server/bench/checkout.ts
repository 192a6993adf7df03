/**
 * Throughput of the hot paths on one process with the embedded SQLite store (a temp file, WAL):
 * `POST /api/checkout` (validate, price, sign, insert) and `GET /api/items/:id`.
 * Bounded in time: each run stops after `DURATION_S` seconds (autocannon ignores the duration
 * when a request count is given, so the time is the bound).
 *
 *   pnpm --filter @portmanat-checkout/server bench
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { createApp, createLogger, createSandboxMode, createStore, listen, loadConfig } from '../src/index.ts'

const DURATION_S = 5
const CONNECTIONS = 20

const dir = mkdtempSync(join(tmpdir(), 'portmanat-bench-'))
let app: ReturnType<typeof createApp> | undefined
const server = await listen({
  port: 0,
  host: '127.0.0.1',
  fetch: (req, env) => (app ? app.fetch(req, env) : new Response(null, { status: 503 })),
})
const config = loadConfig({
  PUBLIC_URL: server.url,
  DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
  RATE_LIMIT: 'off',
  LOG_LEVEL: 'silent',
})
const store = await createStore(config.databaseUrl)
await store.migrate()
const { sandbox, psp } = createSandboxMode(config)
app = createApp(config, { store, psp, sandbox, logger: createLogger('silent') })

async function run(title: string, path: string, options: Partial<autocannon.Options> = {}) {
  const result = await autocannon({
    url: `${server.url}${path}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    ...options,
  })
  const bad = result.non2xx + result.errors + result.timeouts
  if (process.env.BENCH_DEBUG) console.log(result.statusCodeStats)
  console.log(
    `${title.padEnd(28)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   ` +
      `p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   ${result.requests.total} requests, ${bad} not 2xx`,
  )
}

console.log(`${CONNECTIONS} connections, ${DURATION_S} s per run, Node ${process.version}`)
await run('GET /', '/')
await run('GET /api/items/premium', '/api/items/premium')
await run('POST /api/checkout', '/api/checkout', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ item: 'premium' }),
})
await server.close(1000)
await store.close()
rmSync(dir, { recursive: true, force: true })
