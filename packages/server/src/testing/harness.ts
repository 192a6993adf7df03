/**
 * A whole server in one process for tests: the real app and store, the sandbox mounted at
 * `/sandbox` and reached in process by the PSP client, a captured logger, a settable clock.
 * Nothing listens on a port.
 */
import { createSandbox, DEMO_SERVICE, type Sandbox } from '@portmanat-checkout/sandbox'
import { onTestFinished } from 'vitest'
import { createApp } from '../app.ts'
import { type Config, loadConfig } from '../config.ts'
import { resolveServices, type Services } from '../deps.ts'
import type { Channel, Sender } from '../outbox/types.ts'
import { type OutboxWorker, startOutbox } from '../outbox/worker.ts'
import { createPspClient, type PspClient } from '../psp/client.ts'
import type { Store } from '../store/types.ts'
import type { WidgetSource } from '../widget-source.ts'
import { captureLogger } from './capture-logger.ts'
import type { StoreFactory } from './engines.ts'

export const PUBLIC_URL = 'http://127.0.0.1:8787'
export const MERCHANT = 'https://shop.example.az'
export const BUYER_IP = '203.0.113.7'
/** Live-mode credentials the sandbox knows as a second service. */
export const LIVE_SERVICE = {
  service_id: '200002',
  secret: 'live-secret-0123456789abcdef',
  title: 'Live shop',
}
export const MERCHANT_KEY = 'merchant-key-0123456789abcdef0123'
export const TEST_CARDS = {
  paid: '4242424242424242',
  declined: '4000000000000002',
  pending: '4000000000000077',
}

/** Wraps the in-process PSP client so a test can count the `/check` calls it makes. */
export const countingPsp =
  (seen: { calls: number }) =>
  (inner: PspClient): PspClient => ({
    check: (rrn, options) => {
      seen.calls += 1
      return inner.check(rrn, options)
    },
  })

export interface HarnessOptions {
  store: StoreFactory
  /** Extra environment for `loadConfig` (over sane test defaults). */
  env?: Record<string, string>
  /** Live mode against the sandbox's second service; `test` is what `/check` reports in `service.test`. */
  live?: { test: boolean }
  clock?: () => Date
  remoteAddress?: string
  /** Outbox channels (e.g. a webhook receiver) the test captures. */
  senders?: Partial<Record<Channel, Sender>>
  widget?: WidgetSource
  /** Replaces the in-process PSP client (e.g. one that counts or fails). */
  psp?: (inProcess: PspClient) => PspClient
  pspTimeoutMs?: number
}

export interface Harness {
  app: ReturnType<typeof createApp>
  config: Config
  store: Store
  sandbox: Sandbox
  services: Services
  /** The outbox worker, not running: `await h.outbox.runOnce()` delivers what is due. */
  outbox: OutboxWorker
  /** Every log line written so far (JSON text). */
  lines: string[]
  records(): Record<string, unknown>[]
  request(path: string, init?: RequestInit): Promise<Response>
  /** `POST /api/checkout` with JSON and the merchant's Origin. */
  checkout(body: unknown, headers?: Record<string, string>): Promise<Response>
  /** Checkout of `item`, then the buyer's way through the sandbox with `card`: returns the callback path. */
  buy(item: string, card?: string): Promise<{ client_rrn: string; psp_rrn: string; callback: string }>
  /** Posts the signed form to the sandbox and returns the sandbox's `psp_rrn` (buyer on the check page). */
  startPayment(fields: Record<string, string>): Promise<string>
  /** Pays on the sandbox's bank page with `card`; returns the callback path the browser is sent to. */
  payWithCard(psp_rrn: string, card: string): Promise<string>
}

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

export async function createHarness(options: HarnessOptions): Promise<Harness> {
  const { logger, lines, records } = captureLogger()
  const clock = options.clock ?? (() => new Date())
  const liveEnv = options.live
    ? {
        PORTMANAT_SERVICE_ID: LIVE_SERVICE.service_id,
        PORTMANAT_SECRET_KEY: LIVE_SERVICE.secret,
        PORTMANAT_PSP_URL: 'https://sandbox.internal',
      }
    : {}
  const config = loadConfig({
    PORTMANAT_MODE: options.live ? 'live' : 'sandbox',
    PUBLIC_URL,
    DATABASE_URL: 'sqlite::memory:',
    ALLOWED_ORIGINS: MERCHANT,
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'debug',
    MERCHANT_API_KEY: MERCHANT_KEY,
    CATALOG: new URL('./catalog.json', import.meta.url).pathname,
    ...liveEnv,
    ...options.env,
  })
  const callback_url = `${PUBLIC_URL}/api/callback`
  const sandbox = createSandbox({
    services: [
      { ...DEMO_SERVICE, callback_url },
      { ...LIVE_SERVICE, callback_url, test: options.live?.test ?? false },
    ],
    basePath: '/sandbox',
    variant: { service: true },
    now: clock,
  })
  const inProcess = createPspClient({
    baseUrl: 'https://sandbox.internal',
    fetch: (input, init) => Promise.resolve(sandbox.app.fetch(new Request(input, init))),
    timeoutMs: options.pspTimeoutMs ?? 1000,
    sleep: async () => {},
  })
  const psp = options.psp ? options.psp(inProcess) : inProcess
  const store = await options.store.open()
  const services = resolveServices(config, {
    store,
    psp,
    logger,
    clock,
    ...(options.senders ? { senders: options.senders } : {}),
  })
  const ip = options.remoteAddress ?? BUYER_IP
  const app = createApp(config, {
    ...services,
    remoteAddress: () => ip,
    sandbox,
    ...(options.widget ? { widget: options.widget } : {}),
  })
  // Every test that uses a harness also checks that no response and no log line showed a secret.
  const secrets = [config.secretKey.reveal(), MERCHANT_KEY, DEMO_SERVICE.secret, LIVE_SERVICE.secret]
  const seen: string[] = []
  onTestFinished(() => {
    for (const text of [...seen, ...lines]) {
      const leaked = secrets.find((secret) => text.includes(secret))
      if (leaked) throw new Error(`a secret leaked into: ${text.slice(0, 200)}`)
    }
  })
  const request = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init)
    seen.push([...res.headers].join('\n'), await res.clone().text())
    return res
  }

  async function startPayment(fields: Record<string, string>): Promise<string> {
    const res = await request('/sandbox/process', form(fields))
    if (res.status !== 200) throw new Error(`/sandbox/process → ${res.status}: ${await res.text()}`)
    const payment = sandbox.control.payments().find((p) => p.client_rrn === fields.client_rrn)
    if (!payment) throw new Error('the sandbox recorded no payment')
    return payment.psp_rrn
  }

  async function payWithCard(psp_rrn: string, card: string): Promise<string> {
    const next = await request('/sandbox/process/continue', form({ psp_rrn }))
    if (next.status !== 303) throw new Error(`continue → ${next.status}`)
    const paid = await request('/sandbox/bank', form({ psp_rrn, number: card, expiry: '12/39', cvv: '123' }))
    const location = paid.headers.get('location')
    if (paid.status !== 303 || !location) throw new Error(`bank → ${paid.status}: ${await paid.text()}`)
    const url = new URL(location)
    return `${url.pathname}${url.search}`
  }

  async function checkout(body: unknown, headers: Record<string, string> = {}) {
    return request('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: MERCHANT, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  }

  const outbox = startOutbox({ store, routes: services.routes, clock, logger }, { start: false })
  return {
    app,
    config,
    store,
    sandbox,
    services,
    outbox,
    lines,
    records,
    request,
    checkout,
    startPayment,
    payWithCard,
    async buy(item, card = TEST_CARDS.paid) {
      const res = await checkout({ item, return_url: `${MERCHANT}/thanks?ref=7#done` })
      if (res.status !== 201) throw new Error(`checkout → ${res.status}: ${await res.text()}`)
      const body = (await res.json()) as { client_rrn: string; redirect: { fields: Record<string, string> } }
      const psp_rrn = await startPayment(body.redirect.fields)
      return { client_rrn: body.client_rrn, psp_rrn, callback: await payWithCard(psp_rrn, card) }
    },
  }
}

/** The callback path the PSP would send a browser to. */
export const callbackPath = (psp_rrn: string, client_rrn: string) =>
  `/api/callback?${new URLSearchParams({ psp_rrn, client_rrn })}`
