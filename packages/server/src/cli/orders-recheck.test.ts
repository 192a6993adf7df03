import { describe, expect, it } from 'vitest'
import { engines, freshLedger, newOrder } from '../store/test-engines.ts'
import { storeFactories } from '../testing/engines.ts'
import { createHarness, TEST_CARDS } from '../testing/harness.ts'
import { buyOverHttp } from '../testing/sandbox-buyer.ts'
import { freePort, startServer, workFolder } from '../testing/server-process.ts'
import { runChild } from './test-cli.ts'
import { cliOf } from './test-harness-cli.ts'

describe.each(storeFactories)('orders recheck on $name', (store) => {
  it('asks /check now: a pending payment the PSP has since settled turns paid, and its event is queued', async () => {
    const h = await createHarness({ store })
    const bought = await h.buy('premium', TEST_CARDS.pending)
    await h.request(bought.callback)
    expect((await h.store.getOrder(bought.client_rrn))?.status).toBe('pending')
    h.sandbox.control.settle({ psp_rrn: bought.psp_rrn }, 'paid')

    const { code, stdout, stderr } = await cliOf(h)(['orders', 'recheck', bought.client_rrn])
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(stdout).toBe(
      [
        `Order ${bought.client_rrn}: pending → paid`,
        'Asked /check about 1 payment reference:',
        `  ${bought.psp_rrn}  this order's payment: paid`,
        'Queued 1 message (webhook order.paid): a running server sends it within a second; if none runs, as soon as one starts.',
        '',
      ].join('\n'),
    )
    expect((await h.store.getOrder(bought.client_rrn))?.status).toBe('paid')
    const messages = await h.store.messages(bought.client_rrn)
    expect(messages.map((m) => [m.channel, m.type, m.status])).toContainEqual([
      'webhook',
      'order.paid',
      'pending',
    ])

    // Asked again: the answer is final now, nothing to ask.
    const again = await cliOf(h)(['orders', 'recheck', bought.client_rrn, '--json'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({
      order: { status: 'paid', amount: '5.23' },
      was: 'paid',
      asked: [],
      skipped: 1,
      messages: [],
    })
  })

  it('the PSP cannot be asked: says so, leaves the order as it was, exit 1', async () => {
    const h = await createHarness({ store })
    const bought = await h.buy('premium', TEST_CARDS.pending)
    await h.request(bought.callback)
    const down = { check: async () => ({ kind: 'unreadable' as const, reason: 'timeout after 5000 ms' }) }
    const { code, stdout, stderr } = await cliOf(h, { psp: () => down })([
      'orders',
      'recheck',
      bought.client_rrn,
    ])
    expect(code).toBe(1)
    expect(stdout).toContain(`Order ${bought.client_rrn}: pending (unchanged)`)
    expect(stdout).toContain(`  ${bought.psp_rrn}  no answer: the PSP could not be asked`)
    // The warning the server would log, on stderr as a JSON line.
    const logged = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(logged).toContainEqual(
      expect.objectContaining({ event: 'check.unavailable', why: 'timeout after 5000 ms' }),
    )
    expect((await h.store.getOrder(bought.client_rrn))?.status).toBe('pending')
  })

  it('an order no callback has reached: nothing to ask, exit 0; an unknown order: exit 1', async () => {
    const h = await createHarness({ store })
    const order = newOrder()
    await h.store.insertOrder(order, new Date())
    const run = cliOf(h)
    expect(await run(['orders', 'recheck', order.client_rrn])).toEqual({
      code: 0,
      stdout: `Order ${order.client_rrn}: created (unchanged)\nNothing to ask: no callback has brought a payment reference for this order yet (the buyer has not come back from the PSP).\n`,
      stderr: '',
    })
    const unknown = await run(['orders', 'recheck', 'x'.repeat(24)])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/^portmanat-checkout orders recheck: no order has client_rrn x{24} /)
  })
})

const persistent = engines.filter((engine) => engine.persistent)

describe.each(persistent)(
  'orders recheck against a running sandbox server on $name (child processes)',
  (engine) => {
    it('finds the payment in the server’s sandbox state file, and moves the order while the server runs', async () => {
      const cwd = workFolder()
      const port = await freePort()
      const { url: databaseUrl } = await freshLedger(engine)
      const env = { PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }
      const server = startServer(env, cwd)
      const url = `http://127.0.0.1:${port}`
      expect(await server.healthy(url)).toBe(true)
      const bought = await buyOverHttp(url, 'premium', TEST_CARDS.pending)
      expect((await fetch(bought.callback)).status).toBe(200)
      // The PSP settles it; the server's own follow-up would ask in 30 s: the operator asks now.
      const settled = await fetch(`${url}/sandbox/_sandbox/settle`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ psp_rrn: bought.psp_rrn, outcome: 'paid' }),
      })
      expect(settled.status).toBe(200)

      const { code, stdout, stderr } = await runChild(['orders', 'recheck', bought.client_rrn], { env, cwd })
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
      expect(stdout).toContain(`Order ${bought.client_rrn}: pending → paid`)
      expect(stdout).toContain(`  ${bought.psp_rrn}  this order's payment: paid`)
      const payment = await (await fetch(`${url}/api/payments/${bought.client_rrn}`)).json()
      expect(payment).toMatchObject({ status: 'paid' })
      server.child.kill('SIGTERM')
      expect(await server.exit()).toBe(0)
    }, 60_000)
  },
)
