import { describe, expect, it } from 'vitest'
import { newOrder } from '../store/test-engines.ts'
import type { Store } from '../store/types.ts'
import { storeFactories } from '../testing/engines.ts'
import { runHere } from './test-cli.ts'

const T0 = Date.parse('2026-11-20T10:00:00.000Z')
const at = (minutes: number) => new Date(T0 + minutes * 60_000)

/** Orders a minute apart; returns their client_rrns, oldest first. */
async function seed(store: Store, count: number, overrides: Parameters<typeof newOrder>[0] = {}) {
  const rrns: string[] = []
  for (let i = 0; i < count; i++) {
    const order = newOrder({ qepik: 100 + i, title: `Item ${i}`, ...overrides })
    await store.insertOrder(order, at(i))
    rrns.push(order.client_rrn)
  }
  return rrns
}

describe.each(storeFactories)('orders list on $name', (factory) => {
  const list = (store: Store, argv: string[] = []) =>
    runHere(['orders', 'list', ...argv], { openStore: async () => store, clock: () => at(60 * 24) })

  it('prints an aligned table, newest first, amounts as canonical strings and the mode', async () => {
    const store = await factory.open()
    const [older, newer] = await seed(store, 2)
    await store.insertOrder(
      newOrder({ qepik: 124000, title: 'Çay \u001b[31mevi', livemode: true, reference: 'INV-1' }),
      at(5),
    )
    const { code, stdout, stderr } = await list(store)
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const lines = stdout.trimEnd().split('\n')
    // The amount column is right-aligned; a control character in a title is shown as ?.
    expect(lines[0]).toBe(
      'client_rrn                status    amount  title         created_at            mode',
    )
    expect(lines[1]).toMatch(
      /^[0-9a-z]{24} {2}created {2}1240\.00 {2}Çay \?\[31mevi {2}2026-11-20T10:05:00Z {2}live$/,
    )
    expect(lines[2]).toBe(`${newer}  created     1.01  Item 1        2026-11-20T10:01:00Z  test`)
    expect(lines[3]).toBe(`${older}  created     1.00  Item 0        2026-11-20T10:00:00Z  test`)
    expect(lines).toHaveLength(4)
  })

  it('--json is a JSON array and nothing else on stdout; amounts are strings, no token or idempotency data', async () => {
    const store = await factory.open()
    await store.insertOrder(
      newOrder({ qepik: 523, order_token: 'tok_secretish', idempotency_key: 'k-1', request_hash: 'ab' }),
      at(0),
    )
    const { code, stdout, stderr } = await list(store, ['--json'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const orders = JSON.parse(stdout) as Record<string, unknown>[]
    expect(orders).toHaveLength(1)
    expect(orders[0]).toMatchObject({ amount: '5.23', status: 'created', livemode: false, quantity: 1 })
    expect(Object.keys(orders[0] ?? {})).not.toContain('qepik')
    expect(stdout).not.toMatch(/tok_secretish|idempotency|request_hash|"k-1"/)
  })

  it('filters by status, period and search, as the store does', async () => {
    const store = await factory.open()
    const [a, b, c] = await seed(store, 3, { reference: null })
    await store.transition(c ?? '', { from: ['created'], to: 'paid', psp_rrn: 'P-1' }, at(10))
    await store.transition(b ?? '', { from: ['created'], to: 'failed', reason: 'declined' }, at(10))
    await store.recordAttempt(a ?? '', 'psp-of-a', at(3), { next_check_at: at(3).toISOString(), max: 5 })
    const rrns = async (argv: string[]) =>
      (JSON.parse((await list(store, [...argv, '--json'])).stdout) as { client_rrn: string }[]).map(
        (order) => order.client_rrn,
      )
    expect(await rrns(['--status', 'paid,failed'])).toEqual([c, b])
    expect(await rrns(['--since', '2026-11-20T10:01:00Z'])).toEqual([c, b])
    expect(await rrns(['--until', '2026-11-20T10:01:00Z'])).toEqual([a])
    expect(await rrns(['--search', 'psp-of-a'])).toEqual([a])
    expect(await rrns(['--search', b ?? ''])).toEqual([b])
    // A Baku day: 2026-11-20 runs from 2026-11-19T20:00Z to 2026-11-20T20:00Z.
    expect(await rrns(['--since', '2026-11-20', '--until', '2026-11-20'])).toEqual([c, b, a])
    expect(await rrns(['--since', '2026-11-21'])).toEqual([])
    const failed = await list(store, ['--status', 'failed'])
    expect(failed.stdout).toContain('failed (declined)')
  })

  it('--limit pages through the store past its largest page, and says on stderr that more match', async () => {
    const store = await factory.open()
    const rrns = await seed(store, 503)
    const json = await list(store, ['--limit', '502', '--json'])
    const listed = (JSON.parse(json.stdout) as { client_rrn: string }[]).map((order) => order.client_rrn)
    expect(listed).toEqual(rrns.slice(1).reverse())
    const table = await list(store, ['--limit', '2'])
    expect(table.stdout.trimEnd().split('\n')).toHaveLength(3)
    expect(table.stderr).toBe(
      'The newest 2 shown; more match (--limit N for more, orders export --csv for all).\n',
    )
    const all = await list(store, ['--limit', '503'])
    expect(all.stderr).toBe('')
  })

  it('no orders: an empty table says so on stderr; --json prints []', async () => {
    const store = await factory.open()
    expect(await list(store)).toEqual({ code: 0, stdout: '', stderr: 'No orders match.\n' })
    expect(await list(store, ['--json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' })
  })
})
