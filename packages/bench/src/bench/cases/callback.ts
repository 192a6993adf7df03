/**
 * The callback's created → pending (`/check` says code 1) on a fresh order per request, against a
 * raw handler doing the equivalent UPDATE and event insert (../../baselines/same-writes.ts).
 *
 * Our orders are prepared over HTTP before the measured runs: a checkout and the signed form
 * posted to the sandbox's `/process` (a payment the buyer has not finished reads as pending). Each
 * of our runs is bounded by its number of fresh orders, sized from the warm-up rate to last about
 * as long as a baseline run.
 */
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { checkoutWrites, sqliteInsert } from '../../baselines/same-writes.ts'
import { statements } from '../../baselines/statements.ts'
import { CATALOG } from '../../harness/catalog.ts'
import { load } from '../../harness/load.ts'
import { startRaw } from '../../harness/raw-process.ts'
import { checkout, startPayment } from '../../harness/sandbox-buyer.ts'
import { startSandbox } from '../../harness/sandbox-process.ts'
import { alternate, ratios, type Side, summarise } from '../compare.ts'
import { type BenchCase, peakOf, resetPeak, startOurs } from '../context.ts'
import { seededRrn } from '../databases.ts'
import { rawIdentity } from './checkout.ts'

const callbackPath = (psp_rrn: string, client_rrn: string) =>
  `/api/callback?${new URLSearchParams({ psp_rrn, client_rrn })}`

/** `count` orders of ours whose payment the sandbox calls pending; returns their callback paths. */
async function prepare(origin: string, count: number): Promise<string[]> {
  const paths: string[] = []
  let left = count
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (left-- > 0) {
        const order = await checkout(origin, { item: 'premium', return_url: `${origin}/thanks` })
        const psp_rrn = await startPayment(order.redirect.url, order.redirect.fields)
        paths.push(callbackPath(psp_rrn, order.client_rrn))
      }
    }),
  )
  return paths
}

/** `count` created orders in the raw side's database (a copy of the server's schema). */
function rawOrders(file: string, count: number): string[] {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  const at = new Date().toISOString()
  const prepare = statements(db)
  const paths: string[] = []
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const client_rrn = seededRrn(10_000_000 + i, 20_000_000)
      const writes = checkoutWrites(
        {
          client_rrn,
          qepik: CATALOG.premium.qepik,
          item_id: 'premium',
          title: CATALOG.premium.title,
          description: CATALOG.premium.description,
          return_url: 'http://127.0.0.1/thanks',
          client_ip: '127.0.0.1',
        },
        at,
      )
      for (const write of writes) {
        const { sql, params } = sqliteInsert(write)
        prepare(sql).run(...params)
      }
      paths.push(callbackPath(`bench-${i}`, client_rrn))
    }
  })()
  db.close()
  return paths
}

export const callback: BenchCase = {
  name: 'callback',
  title: 'GET /api/callback, created → pending on a fresh order each, vs a raw handler doing the same writes',
  async run(ctx) {
    const { timing } = ctx
    // The PSP in a process of its own, asked over the network as in production: the emulator's
    // thousands of prepared payments then weigh on its memory, not on our server's.
    const psp = await startSandbox('http://127.0.0.1:9/unused')
    const ours = await startOurs(ctx, 'callback', { env: { PORTMANAT_PSP_URL: psp.url } })
    const rawFile = join(ctx.workDir, 'raw-callback.db')
    copyFileSync(ctx.template.file, rawFile)
    const rawPaths = rawOrders(rawFile, ctx.quick ? 40_000 : 120_000)
    const raw = await startRaw({ ...rawIdentity(psp.url), sqlite: { callback: rawFile } })
    const c = ctx.connections

    let pool: string[] = await prepare(ours.url, ctx.quick ? 150 : 300)
    let perRound = 0
    let warmRate = 0
    const oursSide: Side = {
      name: 'ours',
      async run(_seconds, warmup) {
        const paths = pool.splice(0, warmup ? pool.length : perRound)
        let next = 0
        const result = await load(
          {
            origin: ours.url,
            pid: ours.pid,
            nextPath: () => paths[next++] ?? '/healthz',
            expect: 303,
            connections: c,
          },
          // A number of fresh orders bounds the run, sized to last about `timing.seconds`; the
          // time bound is only there so that a stalled server cannot hold the bench.
          { seconds: timing.seconds * 5, amount: paths.length },
        )
        if (warmup) warmRate = result.rps
        return result
      },
    }
    let rawNext = 0
    const rawSide: Side = {
      name: 'raw',
      run: (seconds) =>
        load(
          {
            origin: raw.url,
            pid: raw.pid,
            nextPath: () => rawPaths[rawNext++] ?? '/exhausted',
            expect: 303,
            connections: c,
          },
          { seconds },
        ),
    }
    try {
      const result = await alternate(oursSide, [rawSide], timing, {
        afterWarmup: async () => {
          // Never fewer orders than connections: autocannon refuses an amount below them.
          perRound = Math.max(c, 50, Math.min(ctx.quick ? 1000 : 3000, Math.round(warmRate * timing.seconds)))
          ctx.log(`callback: preparing ${perRound} × ${timing.rounds} orders at the sandbox…`)
          pool = await prepare(ours.url, perRound * timing.rounds)
          resetPeak(ours)
        },
      })
      const base = result.baselines[0] ?? []
      return [
        {
          path: 'GET /api/callback, created → pending',
          baseline: 'raw: attempt ahead, then UPDATE + event',
          ours: summarise(result.ours),
          base: summarise(base),
          ratio: ratios(result.ours, base),
          rssKb: peakOf(ours),
          note: `ours: ${perRound} fresh orders per round (its /check to the PSP emulator's own process included)`,
        },
      ]
    } finally {
      await raw.stop()
      await ours.dispose()
      await psp.stop()
    }
  },
}
