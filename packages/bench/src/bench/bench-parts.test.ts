/** The bench's pure parts: the raw baselines' SQL, and how a CPU profile is attributed. */
import { describe, expect, it } from 'vitest'
import {
  checkoutWrites,
  pendingWrites,
  postgresInserts,
  sqliteInsert,
  updateSql,
} from '../baselines/same-writes.ts'
import { cpuMsOf } from '../harness/memory.ts'
import { moduleOf, summariseProfile } from './profile.ts'

const order = {
  client_rrn: 'a'.repeat(24),
  qepik: 523,
  item_id: 'premium',
  title: 'Premium',
  description: null,
  return_url: null,
  client_ip: '127.0.0.1',
}

describe('same writes', () => {
  it('writes the order and its created event, as SQLite statements and as one PostgreSQL statement', () => {
    const writes = checkoutWrites(order, '2026-01-01T00:00:00.000Z')
    expect(writes.map((w) => w.table)).toEqual(['orders', 'order_events'])
    const first = sqliteInsert(writes[0] ?? { table: 'x', row: {} })
    expect(first.sql).toMatch(/^insert into orders \(client_rrn, qepik, .*\) values \(\?, \?, .*\)$/)
    expect(first.params[0]).toBe(order.client_rrn)
    const pg = postgresInserts(writes)
    expect(pg.sql).toMatch(
      /^with w0 as \(insert into orders .*\), w1 as \(insert into order_events .*\$\d+\)\) select 1$/,
    )
    expect(pg.params).toHaveLength(
      Object.keys(writes[0]?.row ?? {}).length + Object.keys(writes[1]?.row ?? {}).length,
    )
  })

  it('moves created to pending: the attempt ahead, then one guarded UPDATE of the order', () => {
    const writes = pendingWrites(order.client_rrn, 'P-1', 'now', 'later')
    expect(writes.ahead.map((w) => w.table)).toEqual(['payment_attempts'])
    const sqlite = updateSql(writes.update, 'sqlite')
    expect(sqlite.sql).toBe(
      'update orders set status = ?, psp_rrn = ?, updated_at = ? where client_rrn = ? and status = ? returning return_url',
    )
    expect(sqlite.params).toEqual(['pending', 'P-1', 'now', order.client_rrn, 'created'])
    expect(updateSql(writes.update, 'postgres', 3).sql).toContain('where client_rrn = $6 and status = $7')
  })

  it('refuses an identifier that is not plain', () => {
    expect(() => sqliteInsert({ table: 'orders; drop table orders', row: {} })).toThrow(
      'not a plain identifier',
    )
  })
})

describe('profile attribution', () => {
  it('names packages, files of ours and parts of Node', () => {
    const frame = (url: string, functionName = 'f') => ({ url, functionName, lineNumber: 0 })
    expect(
      moduleOf(frame('file:///w/node_modules/.pnpm/kysely@0.28.19/node_modules/kysely/dist/esm/a.js')),
    ).toBe('kysely')
    expect(
      moduleOf(
        frame(
          'file:///w/node_modules/.pnpm/@hono+node-server@2/node_modules/@hono/node-server/dist/index.mjs',
        ),
      ),
    ).toBe('@hono/node-server')
    expect(moduleOf(frame('file:///w/packages/server/src/routes/checkout.ts'))).toBe(
      'server src/routes/checkout.ts',
    )
    expect(moduleOf(frame('node:internal/streams/readable'))).toBe('node:streams')
    expect(moduleOf(frame('node:_http_server'))).toBe('node:http_server')
    expect(moduleOf(frame('', '(garbage collector)'))).toBe('(garbage collector)')
  })

  it('sums self time per module, leaving idle out', () => {
    const summary = summariseProfile({
      nodes: [
        { id: 1, callFrame: { functionName: '(idle)', url: '', lineNumber: 0 } },
        {
          id: 2,
          callFrame: {
            functionName: 'executeQuery',
            url: 'file:///n/node_modules/kysely/x.js',
            lineNumber: 9,
          },
        },
        {
          id: 3,
          callFrame: { functionName: 'json', url: 'file:///n/node_modules/hono/y.js', lineNumber: 1 },
        },
      ],
      samples: [1, 2, 2, 3],
      timeDeltas: [0, 1000, 3000, 3000, 1000],
    })
    expect(summary.busyMs).toBe(7)
    expect(summary.modules.map((m) => [m.name, Math.round(m.share * 100)])).toEqual([
      ['kysely', 86],
      ['hono', 14],
    ])
  })
})

describe('cpu time of a process', () => {
  it('reads user + system time from /proc, and nothing for a process that is gone', () => {
    let x = 0
    for (let i = 0; i < 2e7; i++) x += i
    expect(x).toBeGreaterThan(0)
    expect(cpuMsOf(process.pid)).toBeGreaterThan(0)
    expect(cpuMsOf(2 ** 22 + 7)).toBeUndefined()
  })
})

describe('the server command', () => {
  it('runs the built server with the memory flags pnpm start uses', async () => {
    const { readFileSync } = await import('node:fs')
    const { SERVER_NODE_FLAGS, serverCommand } = await import('../harness/commands.ts')
    const root = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
      scripts: { start: string }
    }
    for (const flag of SERVER_NODE_FLAGS) expect(root.scripts.start).toContain(flag)
    const command = serverCommand()
    if (command.form === 'dist')
      expect(command.args.slice(0, SERVER_NODE_FLAGS.length)).toEqual([...SERVER_NODE_FLAGS])
  })
})
