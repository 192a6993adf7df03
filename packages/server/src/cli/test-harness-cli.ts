/**
 * The CLI over a test harness's server: the same store and the same in-process sandbox, with a
 * configuration of the same mode (a webhook configured, so changes write outbox messages).
 */
import { startOutbox } from '../outbox/worker.ts'
import type { Harness } from '../testing/harness.ts'
import type { CliDeps } from './io.ts'
import { runHere, SANDBOX_ENV } from './test-cli.ts'

/** A `WEBHOOK_SECRET` of the right form (24 zero bytes), for tests only. */
export const TEST_WEBHOOK_SECRET = `whsec_${Buffer.alloc(24).toString('base64')}`

export const WEBHOOK_ENV = {
  WEBHOOK_URL: 'https://shop.example.az/hooks',
  WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
}

/** Runs the command line against `h`'s store and PSP. */
export const cliOf =
  (h: Harness, { env = WEBHOOK_ENV, ...deps }: { env?: Record<string, string> } & CliDeps = {}) =>
  (argv: string[]) =>
    runHere(argv, {
      env: { ...SANDBOX_ENV, ...env },
      openStore: async () => h.store,
      psp: () => h.services.psp,
      ...deps,
    })

/** A paid order whose webhook is dead after one refused try (no retries), and one still pending. */
export async function deadAndPending(h: Harness) {
  const dead = await h.buy('premium')
  await h.request(dead.callback)
  await startOutbox(
    { store: h.store, routes: h.services.routes, logger: h.services.logger, retryDelaysS: [] },
    { start: false },
  ).runOnce()
  const pending = await h.buy('cheap')
  await h.request(pending.callback)
  const [deadMessage] = await h.store.messages(dead.client_rrn)
  const [pendingMessage] = await h.store.messages(pending.client_rrn)
  if (!deadMessage || !pendingMessage) throw new Error('no messages')
  return { dead: deadMessage, pending: pendingMessage }
}
