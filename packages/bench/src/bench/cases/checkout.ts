/**
 * `POST /api/checkout` against a raw handler doing ONE insert and one doing the same writes as
 * ours (../../baselines/same-writes.ts), on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_SERVICE } from '@portmanat-checkout/sandbox'
import { CATALOG } from '../../harness/catalog.ts'
import type { LoadSpec } from '../../harness/load.ts'
import { freshSchema } from '../../harness/postgres.ts'
import { type RawProcess, startRaw } from '../../harness/raw-process.ts'
import { type ServerProcess, startServer } from '../../harness/server-process.ts'
import { alternate, ratios, summarise } from '../compare.ts'
import {
  type BenchCase,
  type BenchContext,
  fixedSide,
  peakOf,
  type Row,
  resetPeak,
  startOurs,
} from '../context.ts'

const BODY = JSON.stringify({ item: 'premium' })

const post = (
  origin: string,
  path: string,
  connections: number,
  pid: () => number | undefined,
): LoadSpec => ({
  origin,
  pid,
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json' },
  body: BODY,
  expect: 201,
  connections,
})

/** What the raw baselines need to sign and price like ours. */
export const rawIdentity = (pspUrl: string) => ({
  serviceId: DEMO_SERVICE.service_id,
  secret: DEMO_SERVICE.secret,
  pspUrl,
  catalog: CATALOG,
})

async function measure(
  ctx: BenchContext,
  engine: 'SQLite' | 'PostgreSQL',
  ours: ServerProcess,
  raw: RawProcess,
  routes: { one: string; same: string },
  target: number,
): Promise<Row[]> {
  const c = ctx.connections
  const result = await alternate(
    fixedSide('ours', post(ours.url, '/api/checkout', c, ours.pid)),
    [
      fixedSide('one insert', post(raw.url, routes.one, c, raw.pid)),
      fixedSide('same writes', post(raw.url, routes.same, c, raw.pid)),
    ],
    ctx.timing,
    { afterWarmup: () => resetPeak(ours) },
  )
  const rssKb = peakOf(ours)
  const oursSummary = summarise(result.ours)
  const [one = [], same = []] = result.baselines
  return [
    {
      path: `POST /api/checkout, ${engine}`,
      baseline: 'raw: one INSERT',
      ours: oursSummary,
      base: summarise(one),
      ratio: ratios(result.ours, one),
      target: { min: target, kind: 'target' },
      rssKb,
    },
    {
      path: `POST /api/checkout, ${engine}`,
      baseline: 'raw: the same writes',
      ours: oursSummary,
      base: summarise(same),
      ratio: ratios(result.ours, same),
      ...(engine === 'SQLite' ? { target: { min: 0.85, kind: 'goal' as const } } : {}),
      rssKb,
    },
  ]
}

export const checkoutSqlite: BenchCase = {
  name: 'checkout',
  title: 'POST /api/checkout on SQLite (WAL, synchronous=FULL) vs raw node:http + better-sqlite3',
  async run(ctx) {
    const sameWrites = join(ctx.workDir, 'raw-same-writes.db')
    copyFileSync(ctx.template.file, sameWrites)
    const ours = await startOurs(ctx, 'checkout')
    const raw = await startRaw({
      ...rawIdentity(`${ours.url}/sandbox`),
      sqlite: { oneInsert: join(ctx.workDir, 'raw-one-insert.db'), sameWrites },
    })
    try {
      const routes = { one: '/checkout/sqlite-one-insert', same: '/checkout/sqlite-same-writes' }
      return await measure(ctx, 'SQLite', ours, raw, routes, 0.6)
    } finally {
      await raw.stop()
      await ours.dispose()
    }
  },
}

export const checkoutPostgres: BenchCase = {
  name: 'checkout-pg',
  title: 'POST /api/checkout on PostgreSQL vs raw node:http + pg (same writes in one round trip)',
  async run(ctx) {
    if (!ctx.postgresUrl) {
      ctx.log('checkout-pg: skipped (set TEST_DATABASE_URL to measure PostgreSQL)')
      return []
    }
    const oursSchema = await freshSchema(ctx.postgresUrl, 'bench_ours')
    const rawSchema = await freshSchema(ctx.postgresUrl, 'bench_raw')
    try {
      // The raw side writes into the server's own tables: let the server migrate its schema.
      const migrator = await startServer({ databaseUrl: rawSchema.url })
      await migrator.dispose()
      const ours = await startOurs(ctx, 'checkout-pg', { databaseUrl: oursSchema.url })
      const raw = await startRaw({ ...rawIdentity(`${ours.url}/sandbox`), postgres: rawSchema.url })
      try {
        const routes = { one: '/checkout/pg-one-insert', same: '/checkout/pg-same-writes' }
        return await measure(ctx, 'PostgreSQL', ours, raw, routes, 0.45)
      } finally {
        await raw.stop()
        await ours.dispose()
      }
    } finally {
      await oursSchema.drop()
      await rawSchema.drop()
    }
  },
}
