import { describe, expect, it } from 'vitest'
import { startOutbox } from '../outbox/worker.ts'
import { storeFactories } from '../testing/engines.ts'
import { createHarness } from '../testing/harness.ts'
import { cliOf, deadAndPending } from './test-harness-cli.ts'

const refusing = async () => ({ ok: false, status_code: 500, error: 'HTTP 500' })

describe.each(storeFactories)('events replay on $name', (store) => {
  it('makes a dead message due now, says what it was, and that the running server sends it', async () => {
    const h = await createHarness({ store, senders: { webhook: refusing } })
    const { dead } = await deadAndPending(h)
    const now = new Date()
    const { code, stdout, stderr } = await cliOf(h, { clock: () => now })(['events', 'replay', dead.id])
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(stdout).toBe(
      [
        `${dead.id}: webhook order.paid of order ${dead.client_rrn}, was dead after 1 try (HTTP 500); it is due again now.`,
        'A running server sends it within a second; with none running, as soon as one starts.',
        `See how it went: portmanat-checkout orders show ${dead.client_rrn}`,
        '',
      ].join('\n'),
    )
    expect(await h.store.getMessage(dead.id)).toMatchObject({
      status: 'pending',
      next_attempt_at: now.toISOString(),
      // A resend starts a new round of tries; the delivery log keeps the old ones.
      attempts: 0,
    })
  })

  it('--wait: the server’s worker sends it, and the command says how it went', async () => {
    const h = await createHarness({ store, senders: { webhook: refusing } })
    const { dead } = await deadAndPending(h)
    const accepting = startOutbox({
      store: h.store,
      routes: [{ channel: 'webhook', wants: () => true, send: async () => ({ ok: true, status_code: 204 }) }],
      logger: h.services.logger,
      pollMs: 50,
    })
    try {
      const { code, stdout } = await cliOf(h)(['events', 'replay', dead.id, '--wait', '--timeout', '10'])
      expect(code).toBe(0)
      expect(stdout).toContain('Waiting up to 10 s for the server to send it…\n')
      expect(stdout).toMatch(/\nDelivered \(try 2, 204, \d+ ms\)\.\n$/)
    } finally {
      await accepting.stop()
    }
    expect(await h.store.getMessage(dead.id)).toMatchObject({ status: 'delivered', attempts: 1 })
  })

  it('--wait with no server sending: it stays due, exit 1 once the wait is over', async () => {
    const h = await createHarness({ store, senders: { webhook: refusing } })
    const { dead } = await deadAndPending(h)
    const { code, stdout } = await cliOf(h)(['events', 'replay', dead.id, '--wait', '--timeout', '1'])
    expect(code).toBe(1)
    expect(stdout).toMatch(/No try within 1 s: is the server running\?/)
    expect((await h.store.getMessage(dead.id))?.status).toBe('pending')
  })

  it('a message being sent right now is left alone; an unknown one is an error; a channel not set up is noted', async () => {
    const h = await createHarness({ store, senders: { webhook: refusing } })
    const { pending } = await deadAndPending(h)
    const run = cliOf(h)
    await h.store.claimMessages(new Date(), { limit: 10, leaseMs: 30_000 })
    const busy = await run(['events', 'replay', pending.id])
    expect(busy.code).toBe(1)
    expect(busy.stderr).toMatch(
      new RegExp(`^portmanat-checkout events replay: ${pending.id} is being sent right now`),
    )

    const unknown = await run(['events', 'replay', 'msg_nope'])
    expect(unknown).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'portmanat-checkout events replay: no message msg_nope in the outbox (events list shows their ids)\n',
    })

    const { dead } = await deadAndPending(h)
    const unconfigured = await cliOf(h, { env: {} })(['events', 'replay', dead.id])
    expect(unconfigured.code).toBe(0)
    expect(unconfigured.stdout).toContain(
      'Note: the webhook channel is not configured here, so a server with this configuration cannot send it.',
    )
  })
})
