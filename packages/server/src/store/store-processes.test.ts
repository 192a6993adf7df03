import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { engines, freshLedger, newOrder } from './test-engines.ts'

const run = promisify(execFile)
const racer = fileURLToPath(new URL('./test-racer.ts', import.meta.url))
const PROCESSES = 2
const CALLS_EACH = 10

/** Runs the racers in separate processes (each its own connection and event loop); total wins. */
async function race(url: string, mode: 'insert' | 'transition', target: string): Promise<number> {
  // Node and tsx take a moment to start: agree on a moment after that so the calls really overlap.
  const startAt = String(Date.now() + 1500)
  const outputs = await Promise.all(
    Array.from({ length: PROCESSES }, () =>
      run(process.execPath, ['--import', 'tsx', racer, url, mode, target, String(CALLS_EACH), startAt], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
      }),
    ),
  )
  return outputs.reduce((sum, { stdout }) => sum + Number(JSON.parse(stdout).won), 0)
}

// Several server instances on one database: separate processes, as in production.
describe.each(engines.filter((engine) => engine.persistent))('separate processes on $name', (engine) => {
  test('racing inserts with one idempotency key make one order and one event', {
    timeout: 30_000,
  }, async () => {
    const ledger = await freshLedger(engine)
    await (await ledger.open()).close()
    expect(await race(ledger.url, 'insert', 'shared-key')).toBe(1)
    const store = await ledger.open()
    const order = await store.getOrderByIdempotencyKey('shared-key')
    expect(order).toBeDefined()
    expect(await store.events(order?.client_rrn ?? '')).toHaveLength(1)
  })

  test('racing transitions created → paid: one wins, one event', { timeout: 30_000 }, async () => {
    const ledger = await freshLedger(engine)
    const order = newOrder()
    const setup = await ledger.open()
    await setup.insertOrder(order, new Date())
    await setup.close()
    expect(await race(ledger.url, 'transition', order.client_rrn)).toBe(1)
    const store = await ledger.open()
    expect((await store.events(order.client_rrn)).map((event) => event.to_status)).toEqual([
      'created',
      'paid',
    ])
  })
})
