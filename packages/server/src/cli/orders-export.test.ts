import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS, csvHeader, csvRow } from '../reports/csv.ts'
import { engines, freshLedger, newOrder } from '../store/test-engines.ts'
import type { Store } from '../store/types.ts'
import { storeFactories } from '../testing/engines.ts'
import { runCli } from './main.ts'
import { Collected, runChild, runHere, SANDBOX_ENV } from './test-cli.ts'

const T0 = Date.parse('2026-11-20T10:00:00.000Z')

async function seed(store: Store, count: number) {
  for (let i = 0; i < count; i++) {
    await store.insertOrder(
      newOrder({ qepik: 100 + i, title: i === 0 ? '=HYPERLINK("x"), Çay' : `Item ${i}` }),
      new Date(T0 + i * 1000),
    )
  }
}

describe.each(storeFactories)('orders export --csv on $name', (factory) => {
  it('writes the dashboard’s CSV: BOM and header, then every order newest first, filtered', async () => {
    const store = await factory.open()
    await seed(store, 3)
    await store.insertOrder(newOrder({ qepik: 999 }), new Date(T0 - 86_400_000))
    const orders = (await store.listOrders({}, { limit: 10 })).orders
    const run = (argv: string[]) =>
      runHere(['orders', 'export', '--csv', ...argv], { openStore: async () => store })

    const all = await run([])
    expect(all.code).toBe(0)
    expect(all.stderr).toBe('')
    expect(all.stdout).toBe(csvHeader() + orders.map(csvRow).join(''))
    expect(all.stdout).toContain(`,1.00,created,`)
    expect(all.stdout).toContain(`"'=HYPERLINK(""x""), Çay"`)

    const recent = await run(['--since', '2026-11-20T09:00:00Z'])
    expect(recent.stdout.split('\r\n').slice(1, -1)).toHaveLength(3)
  })

  it('streams into a slow pipe: it waits for the reader instead of holding every row', async () => {
    const store = await factory.open()
    await seed(store, 520)
    let written = 0
    let mostBuffered = 0
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length
        mostBuffered = Math.max(mostBuffered, slow.writableLength)
        setTimeout(done, 1)
      },
    })
    const code = await runCli(['orders', 'export', '--csv'], {
      stdout: slow,
      stderr: new Collected(),
      env: SANDBOX_ENV,
      cwd: process.cwd(),
      openStore: async () => store,
    })
    expect(code).toBe(0)
    await new Promise((done) => slow.end(done))
    // About 60 KB in all, written a chunk of 200 rows (about 23 KB) at a time: had the command not
    // waited for the reader, the whole file would have been waiting in the stream's buffer.
    expect(written).toBeGreaterThan(55_000)
    expect(mostBuffered).toBeLessThan(35_000)
  }, 30_000)
})

describe('orders export --csv as a child process', () => {
  it('puts the bytes on stdout: UTF-8 with a BOM, CRLF, Azerbaijani letters intact', async () => {
    const engine = engines.find((candidate) => candidate.persistent && candidate.dialect === 'sqlite')
    if (!engine) throw new Error('no SQLite file engine')
    const ledger = await freshLedger(engine)
    const store = await ledger.open()
    await store.insertOrder(newOrder({ title: 'Şəki halvası', qepik: 1250 }), new Date(T0))
    const { code, stdout, stderr } = await runChild(['orders', 'export', '--csv'], {
      env: { PORTMANAT_MODE: 'sandbox', DATABASE_URL: ledger.url },
    })
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(stdout.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true)
    expect(stdout).toMatch(
      /,12\.50,created,,2026-11-20T10:00:00\.000Z,2026-11-20T10:00:00\.000Z,Şəki halvası,,premium,1,false\r\n$/,
    )
  })
})
