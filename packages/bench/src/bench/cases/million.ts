/**
 * Our server on 1 000 000 stored orders (with their 2 000 000 events) against itself on an empty
 * table: checkouts, and payment lookups spread over the whole table. The seeded file is made
 * with raw INSERTs before the server opens it, and cached between runs (databases.ts).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { alternate, ratios, summarise } from '../compare.ts'
import { type BenchCase, fixedSide, peakOf, type Row, resetPeak, startOurs } from '../context.ts'
import { seededCopy } from '../databases.ts'
import { LOOKUP_ORDERS, randomPayment, recentPayment } from './reads.ts'

const MILLION = 1_000_000

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
    // Profiled too under --profile: both sides of the ratio pay the profiler alike.
    const empty = await startOurs(ctx, 'million-empty', { dataDir: smallDir })
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
    const lookup = (origin: string, pid: () => number | undefined, nextPath: () => string) => ({
      origin,
      pid,
      nextPath,
      expect: 200,
      connections: c,
    })
    try {
      const rows: Row[] = []
      const checkouts = await alternate(
        fixedSide('1M', post(big.url, big.pid)),
        [fixedSide('empty', post(empty.url, empty.pid))],
        ctx.timing,
        {
          afterWarmup: () => resetPeak(big),
        },
      )
      // What a widget polls: an order just paid, among the newest of the million.
      const recent = await alternate(
        fixedSide('1M', lookup(big.url, big.pid, recentPayment(MILLION, LOOKUP_ORDERS))),
        [fixedSide('empty', lookup(empty.url, empty.pid, randomPayment(LOOKUP_ORDERS)))],
        ctx.timing,
      )
      // The worst case: any order of the year, each lookup a page the cache has not got.
      const reads = await alternate(
        fixedSide('1M', lookup(big.url, big.pid, randomPayment(MILLION))),
        [fixedSide('empty', lookup(empty.url, empty.pid, randomPayment(LOOKUP_ORDERS)))],
        ctx.timing,
      )
      const rssKb = peakOf(big)
      const small = `ours, ${LOOKUP_ORDERS.toLocaleString('en')} orders`
      for (const [path, result, baseline, target] of [
        ['POST /api/checkout, 1M orders', checkouts, 'ours, empty table', true],
        ['GET /api/payments/:client_rrn, 1M orders, a new one', recent, small, true],
        // Informational: no cache short of the whole table makes a year of random lookups cheap.
        ['GET /api/payments/:client_rrn, 1M orders, any one', reads, small, false],
      ] as const) {
        const base = result.baselines[0] ?? []
        rows.push({
          path,
          baseline,
          ours: summarise(result.ours),
          base: summarise(base),
          ratio: ratios(result.ours, base),
          ...(target ? { target: { min: 0.9, kind: 'target' as const } } : {}),
          rssKb,
        })
      }
      return rows
    } finally {
      await empty.dispose()
      await big.dispose()
    }
  },
}
