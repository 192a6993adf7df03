/**
 * The two GETs a merchant page makes: `GET /api/payments/:client_rrn` (the widget polls it)
 * against a raw SELECT by primary key on the same file, and `GET /widget.js` against raw static
 * serving of the very bytes our server sent, with the encoding it chose.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { startRaw } from '../../harness/raw-process.ts'
import { alternate, ratios, summarise } from '../compare.ts'
import { type BenchCase, fixedSide, peakOf, resetPeak, startOurs } from '../context.ts'
import { seededCopy, seededRrn } from '../databases.ts'
import { rawIdentity } from './checkout.ts'

/** Orders in the small table the payment lookups read. */
export const LOOKUP_ORDERS = 1000

/** A path to a random one of the first `count` seeded orders. */
export const randomPayment = (count: number) => () =>
  `/api/payments/${seededRrn(Math.floor(Math.random() * count), count)}`

/** One of the newest `recent` of `count` seeded orders: what a widget polls, as it just paid. */
export const recentPayment = (count: number, recent: number) => () =>
  `/api/payments/${seededRrn(count - 1 - Math.floor(Math.random() * recent), count)}`

export const payments: BenchCase = {
  name: 'payments',
  title: `GET /api/payments/:client_rrn (${LOOKUP_ORDERS} paid orders) vs a raw indexed SELECT on the same file`,
  async run(ctx) {
    const dataDir = join(ctx.workDir, 'payments')
    mkdirSync(dataDir)
    seededCopy(ctx.template, LOOKUP_ORDERS, join(dataDir, 'payments.db'), ctx.log)
    const ours = await startOurs(ctx, 'payments', { dataDir })
    const raw = await startRaw({
      ...rawIdentity(`${ours.url}/sandbox`),
      sqlite: { reads: join(dataDir, 'payments.db') },
    })
    const spec = (origin: string, pid: () => number | undefined) => ({
      origin,
      pid,
      nextPath: randomPayment(LOOKUP_ORDERS),
      expect: 200,
      connections: ctx.connections,
    })
    try {
      const result = await alternate(
        fixedSide('ours', spec(ours.url, ours.pid)),
        [fixedSide('raw', spec(raw.url, raw.pid))],
        ctx.timing,
        {
          afterWarmup: () => resetPeak(ours),
        },
      )
      const base = result.baselines[0] ?? []
      return [
        {
          path: 'GET /api/payments/:client_rrn',
          baseline: 'raw: SELECT by primary key',
          ours: summarise(result.ours),
          base: summarise(base),
          ratio: ratios(result.ours, base),
          target: { min: 0.5, kind: 'target' },
          rssKb: peakOf(ours),
        },
      ]
    } finally {
      await raw.stop()
      await ours.dispose()
    }
  },
}

/** What a browser asks for. */
const ACCEPT = { 'accept-encoding': 'br, gzip' }

/** One GET that keeps the body as sent (no decompression) with its headers. */
function fetchRaw(url: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: ACCEPT }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const headers: Record<string, string> = {}
        for (const [name, value] of Object.entries(res.headers))
          if (typeof value === 'string') headers[name] = value
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) })
      })
      res.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
}

const STATIC_HEADERS = [
  'content-type',
  'content-encoding',
  'etag',
  'cache-control',
  'vary',
  'access-control-allow-origin',
]

export const widget: BenchCase = {
  name: 'widget',
  title: 'GET /widget.js (Accept-Encoding: br, gzip) vs raw static serving of the same bytes from memory',
  async run(ctx) {
    const ours = await startOurs(ctx, 'widget')
    try {
      const sent = await fetchRaw(`${ours.url}/widget.js`)
      if (sent.status !== 200) throw new Error(`GET /widget.js answered ${sent.status}: run pnpm build first`)
      const file = join(ctx.workDir, 'widget.js.sent')
      writeFileSync(file, sent.body)
      const headers = Object.fromEntries(
        STATIC_HEADERS.filter((h) => sent.headers[h]).map((h) => [h, sent.headers[h] ?? '']),
      )
      const raw = await startRaw({ ...rawIdentity(`${ours.url}/sandbox`), widget: { file, headers } })
      const spec = (origin: string, pid: () => number | undefined) => ({
        origin,
        pid,
        path: '/widget.js',
        headers: ACCEPT,
        expect: 200,
        connections: ctx.connections,
      })
      try {
        const result = await alternate(
          fixedSide('ours', spec(ours.url, ours.pid)),
          [fixedSide('raw', spec(raw.url, raw.pid))],
          ctx.timing,
          {
            afterWarmup: () => resetPeak(ours),
          },
        )
        const base = result.baselines[0] ?? []
        return [
          {
            path: 'GET /widget.js',
            baseline: `raw: ${sent.headers['content-encoding'] ?? 'identity'}, ${sent.body.length} B from memory`,
            ours: summarise(result.ours),
            base: summarise(base),
            ratio: ratios(result.ours, base),
            target: { min: 0.8, kind: 'target' },
            rssKb: peakOf(ours),
          },
        ]
      } finally {
        await raw.stop()
      }
    } finally {
      await ours.dispose()
    }
  },
}
