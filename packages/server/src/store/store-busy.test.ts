/**
 * Another process holding SQLite's write lock (a backup, the sqlite3 shell, the CLI) must not
 * stall the server: the store waits for the lock without blocking the event loop, for a bounded
 * time, then gives up with an error the routes answer as 503.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { createStore } from './index.ts'
import { engines, freshLedger, newOrder } from './test-engines.ts'

const sqliteFile = engines.find((engine) => engine.name === 'sqlite (file, WAL)')
if (!sqliteFile) throw new Error('no SQLite file engine')
const engine = sqliteFile

/** A second process that takes the write lock and keeps it for `holdMs`. */
async function holdWriteLock(file: string, holdMs: number) {
  const script = `
    const Database = require('better-sqlite3')
    const db = new Database(process.argv[1])
    db.exec('BEGIN IMMEDIATE')
    process.stdout.write('locked\\n')
    setTimeout(() => { db.exec('COMMIT'); db.close() }, Number(process.argv[2]))
  `
  const child = spawn(process.execPath, ['-e', script, file, String(holdMs)], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer]
  expect(chunk.toString()).toContain('locked')
  return { done: once(child, 'exit') }
}

/** The longest the event loop went without running a 10 ms timer while `work` ran. */
async function longestStall(work: Promise<unknown>): Promise<number> {
  let last = Date.now()
  let longest = 0
  const timer = setInterval(() => {
    const now = Date.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 10)
  try {
    await work.catch(() => undefined)
  } finally {
    clearInterval(timer)
  }
  return Math.max(longest, Date.now() - last)
}

describe('SQLite write lock held by another process', () => {
  test('the store waits without blocking the event loop and then writes', { timeout: 20_000 }, async () => {
    const ledger = await freshLedger(engine)
    await (await ledger.open()).close()
    const store = await createStore(ledger.url, { busyWaitMs: 5000 })
    const lock = await holdWriteLock(ledger.url.slice('sqlite:'.length), 1500)
    const order = newOrder()
    const insert = store.insertOrder(order, new Date())
    const stall = await longestStall(insert)
    expect(stall).toBeLessThan(500)
    expect((await insert).inserted).toBe(true)
    await lock.done
    await store.close()
  })

  test('past its wait the store gives up with a busy error, and the order is not half-written', {
    timeout: 20_000,
  }, async () => {
    const ledger = await freshLedger(engine)
    await (await ledger.open()).close()
    const store = await createStore(ledger.url, { busyWaitMs: 300 })
    const lock = await holdWriteLock(ledger.url.slice('sqlite:'.length), 2000)
    const order = newOrder()
    await expect(store.insertOrder(order, new Date())).rejects.toMatchObject({ code: 'store_busy' })
    await lock.done
    expect(await store.getOrder(order.client_rrn)).toBeUndefined()
    await store.close()
  })
})
