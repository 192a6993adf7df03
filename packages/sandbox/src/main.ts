#!/usr/bin/env node
/**
 * @module
 * Runs the sandbox on its own: `PORT` (8788), `HOST` (127.0.0.1), `SANDBOX_SERVICES` (a JSON
 * services file; otherwise the demo service), `CALLBACK_URL` (the demo service's callback;
 * otherwise a page of the sandbox's own that shows what a callback receives),
 * `SANDBOX_STATE_FILE` (keep payments across restarts), `SANDBOX_PENDING_DELAY_MS`.
 * The only module that reads `process.env`.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import * as v from 'valibot'
import { createSandbox } from './app.ts'
import { callbackReceiver, RECEIVER_PATH } from './callback-receiver.ts'
import { DEMO_SERVICE, loadServicesFile } from './services.ts'

const Env = v.object({
  PORT: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,5}$/, 'PORT must be a port number'),
      v.transform(Number),
      v.maxValue(65535, 'PORT must be at most 65535'),
    ),
    '8788',
  ),
  HOST: v.optional(v.pipe(v.string(), v.minLength(1, 'HOST must not be empty')), '127.0.0.1'),
  SANDBOX_SERVICES: v.optional(v.pipe(v.string(), v.minLength(1))),
  CALLBACK_URL: v.optional(v.pipe(v.string(), v.url('CALLBACK_URL must be an absolute URL'))),
  SANDBOX_STATE_FILE: v.optional(v.pipe(v.string(), v.minLength(1))),
  SANDBOX_PENDING_DELAY_MS: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'SANDBOX_PENDING_DELAY_MS must be a whole number'),
      v.transform(Number),
    ),
  ),
})

function start() {
  const parsed = v.safeParse(Env, process.env)
  if (!parsed.success) throw new Error(parsed.issues.map((issue) => issue.message).join('; '))
  const env = parsed.output
  const origin = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`
  const services = env.SANDBOX_SERVICES
    ? loadServicesFile(env.SANDBOX_SERVICES)
    : [{ ...DEMO_SERVICE, callback_url: env.CALLBACK_URL ?? `${origin}${RECEIVER_PATH}` }]
  const sandbox = createSandbox({
    services,
    ...(env.SANDBOX_STATE_FILE ? { stateFile: env.SANDBOX_STATE_FILE } : {}),
    ...(env.SANDBOX_PENDING_DELAY_MS !== undefined ? { pendingDelayMs: env.SANDBOX_PENDING_DELAY_MS } : {}),
  })

  const check = async (pspRrn: string) => {
    const response = await sandbox.app.request('/check', {
      method: 'POST',
      body: new URLSearchParams({ psp_rrn: pspRrn }),
    })
    return response.text()
  }
  const app = new Hono()
  app.route('/', callbackReceiver(check))
  // Everything else is the sandbox itself, with its own 404 and error pages.
  app.all('*', (c) => sandbox.app.fetch(c.req.raw, c.env))

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    console.log(`Portmanat sandbox on ${origin} (port ${info.port}) — SANDBOX, no real money`)
    console.log(
      `services: ${services.map((service) => `${service.service_id} "${service.title}"`).join(', ')}`,
    )
    console.log(`POST ${origin}/process · POST ${origin}/check · controls under ${origin}/_sandbox/`)
  })
  const stop = () => {
    server.close(() => process.exit(0))
    // Closing the sockets also ends requests held by a hang fault, which would keep close() waiting.
    if ('closeAllConnections' in server) server.closeAllConnections()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

try {
  start()
} catch (error) {
  console.error(`portmanat-sandbox: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
