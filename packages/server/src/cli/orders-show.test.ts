import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness } from '../testing/harness.ts'
import { cliOf } from './test-harness-cli.ts'

const refusing = async () => ({ ok: false, status_code: 500, error: 'HTTP 500' })

describe.each(storeFactories)('orders show on $name', (store) => {
  it('shows the order, its history, its payment reference and each try at delivering its event', async () => {
    const h = await createHarness({ store, senders: { webhook: refusing } })
    const bought = await h.buy('premium')
    await h.request(bought.callback)
    await h.outbox.runOnce()
    const { code, stdout, stderr } = await cliOf(h)(['orders', 'show', bought.client_rrn])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const text = stdout.split('\n')
    expect(text[0]).toBe(`Order ${bought.client_rrn} (sandbox test: no money moved)`)
    expect(text).toContain('  status       paid')
    expect(text).toContain('  amount       5.23 AZN')
    expect(text).toContain(`  psp_rrn      ${bought.psp_rrn}`)
    expect(stdout).toMatch(/\n {2}\S+Z {2}→ created {2}/)
    expect(stdout).toMatch(
      new RegExp(
        `\\n {2}\\S+Z {2}created → paid {2}\\{"code":0,"psp_rrn":"${bought.psp_rrn.replace(/[\]+/=]/g, '\\$&')}"`,
      ),
    )
    expect(stdout).toMatch(/Payment references \(1\)\n {2}psp_rrn +state +outcome +checks/)
    expect(stdout).toContain('settled  paid')
    expect(stdout).toMatch(
      /Outbox messages \(1\)\n {2}msg_\w+ {2}webhook {2}order\.paid {2}pending, next try \S+ \(in \d+ s\) {2}1 try {2}event evt_\w+\n/,
    )
    expect(stdout).toMatch(/\n {4}try 1 {2}\S+Z {2}failed {2}500 {2}\d+ ms {2}HTTP 500\n/)
  })

  it('--json: the order (amount as a string), events with parsed detail, attempts, messages with payload and deliveries', async () => {
    const h = await createHarness({ store, senders: { webhook: refusing } })
    const bought = await h.buy('expensive')
    await h.request(bought.callback)
    await h.outbox.runOnce()
    const { code, stdout, stderr } = await cliOf(h)(['orders', 'show', '--json', bought.client_rrn])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const shown = JSON.parse(stdout)
    expect(shown.order).toMatchObject({ client_rrn: bought.client_rrn, status: 'paid', amount: '2499.00' })
    expect(shown.events.map((e: { to_status: string }) => e.to_status)).toEqual(['created', 'paid'])
    expect(shown.events[1].detail).toMatchObject({ code: 0, psp_rrn: bought.psp_rrn })
    expect(shown.attempts).toMatchObject([{ psp_rrn: bought.psp_rrn, state: 'settled', outcome: 'paid' }])
    expect(shown.messages).toHaveLength(1)
    expect(shown.messages[0]).toMatchObject({ channel: 'webhook', type: 'order.paid', attempts: 1 })
    expect(shown.messages[0].payload).toMatchObject({
      type: 'order.paid',
      data: { amount: '2499.00', livemode: false },
    })
    expect(shown.messages[0].deliveries).toMatchObject([
      { attempt: 1, ok: false, status_code: 500, error: 'HTTP 500' },
    ])
    expect(stdout).not.toContain('order_token')
  })

  it('an unknown order: one line on stderr that says how to search, exit 1', async () => {
    const h = await createHarness({ store })
    const { code, stdout, stderr } = await cliOf(h)(['orders', 'show', 'INV-7'])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      'portmanat-checkout orders show: no order has client_rrn INV-7 (orders list --search TEXT finds one by a psp_rrn or your reference)\n',
    )
  })
})
