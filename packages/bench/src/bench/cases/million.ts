/**
 * Our server on 1 000 000 stored orders (with their 2 000 000 events) against itself on an empty
 * table: checkouts, and payment lookups spread over the whole table. The seeded file is made
 * with raw INSERTs before the server opens it, and cached between runs (databases.ts).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { startServer } from '../../harness/server-process.ts'
import { alternate, ratios, summarise } from '../compare.ts'
import { type BenchCase, fixedSide, peakOf, type Row, resetPeak, startOurs } from '../context.ts'
import { seededCopy } from '../databases.ts'
import { LOOKUP_ORDERS, randomPayment } from './reads.ts'

export const MILLION = 1_000_000

export const million: BenchCase = {
  name: 'million',
  title: `our server on ${MILLION.toLocaleString('en')} stored orders vs on an empty table`,
  async run(ctx) {
    const bigDir = join(ctx.workDir, 'million')
    const smallDir = join(ctx.workDir, 'empty')
    mkdirSync(bigDir)
    mkdirSync(smallDir)
    seededCopy(ctx.template, MILLION, join(bigDir, 'payments.db'), ctx.log)
    seededCopy(ctx.template, LOOKUP_ORDERS, join(smallDir, 'payments.db'), ctx.log)
    const big = await startOurs(ctx, 'million', { dataDir: bigDir })
    const small = await startServer({ dataDir: smallDir })
    const c = ctx.connections
    const post = (origin: string, pid: () => number | undefined) => ({
      origin,
      pid,
      method: 'POST' as const,
      path: '/api/checkout',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item: 'premium' }),
      expect: 201,
      connections: c,
    })
    const lookup = (origin: string, pid: () => number | undefined, count: number) => ({
      origin,
      pid,
      nextPath: randomPayment(count),
      expect: 200,
      connections: c,
    })
    try {
      const rows: Row[] = []
      const checkouts = await alternate(
        fixedSide('1M', post(big.url, big.pid)),
        [fixedSide('empty', post(small.url, small.pid))],
        ctx.timing,
        {
          afterWarmup: () => resetPeak(big),
        },
      )
      const reads = await alternate(
        fixedSide('1M', lookup(big.url, big.pid, MILLION)),
        [fixedSide('empty', lookup(small.url, small.pid, LOOKUP_ORDERS))],
        ctx.timing,
      )
      const rssKb = peakOf(big)
      for (const [path, result, baseline] of [
        ['POST /api/checkout, 1M orders', checkouts, 'ours, empty table'],
        [
          'GET /api/payments/:client_rrn, 1M orders',
          reads,
          `ours, ${LOOKUP_ORDERS.toLocaleString('en')} orders`,
        ],
      ] as const) {
        const base = result.baselines[0] ?? []
        rows.push({
          path,
          baseline,
          ours: summarise(result.ours),
          base: summarise(base),
          ratio: ratios(result.ours, base),
          target: { min: 0.9, kind: 'target' },
          rssKb,
        })
      }
      return rows
    } finally {
      await small.dispose()
      await big.dispose()
    }
  },
}
