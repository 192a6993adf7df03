/**
 * @module raw-server
 * The raw baselines: plain `node:http` handlers doing the job of our server's hot paths with the
 * same engines and durability (better-sqlite3 in WAL with synchronous=FULL; pg), and nothing
 * else: no framework, no middleware, no query builder, no logging. Runs as its own process,
 * started by the bench with its configuration as JSON in `RAW_BASELINE_CONFIG`.
 *
 * | route | does |
 * | --- | --- |
 * | `POST /checkout/sqlite-one-insert` | parse the JSON body, price the item, make a client_rrn, sign the HMAC, ONE insert, 201 |
 * | `POST /checkout/sqlite-same-writes` | the same, with the rows our checkout writes (same-writes.ts), one transaction |
 * | `POST /checkout/pg-one-insert`, `/checkout/pg-same-writes` | the same on PostgreSQL (same writes: one round trip) |
 * | `GET /api/payments/:client_rrn` | one SELECT by primary key, the same JSON as ours |
 * | `GET /widget.js` | the bytes our server sent, from memory, with the same encoding |
 * | `GET /api/callback` | the created → pending writes (same-writes.ts: the attempt ahead, then attempt, order, event), 303 |
 */
import { createHmac, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { clientRrnFrom, signingMessage, toCanonical } from '@portmanat-checkout/shared'
import Database from 'better-sqlite3'
import pg from 'pg'
import {
  checkoutWrites,
  type Insert,
  pendingWrites,
  postgresInserts,
  sqliteInsert,
  updateSql,
  type Value,
} from './same-writes.ts'
import { statements } from './statements.ts'

export interface RawConfig {
  port: number
  serviceId: string
  secret: string
  pspUrl: string
  catalog: Record<string, { title: string; qepik: number; description?: string }>
  sqlite?: {
    /** A file of its own with one table. */
    oneInsert?: string
    /** A copy of the server's migrated, empty database. */
    sameWrites?: string
    /** The database `GET /api/payments` reads (the server's own file). */
    reads?: string
    /** A database holding `created` orders for the callback. */
    callback?: string
  }
  /** A PostgreSQL URL whose search_path holds the server's tables (migrated by the server). */
  postgres?: string
  widget?: { file: string; headers: Record<string, string> }
}

const config: RawConfig = JSON.parse(process.env.RAW_BASELINE_CONFIG ?? '')
const BODY_LIMIT = 4 * 1024

function openSqlite(file: string) {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  return db
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers })
  res.end(body)
}

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json', ...headers })

const fail = (res: ServerResponse, status: number, code: string) =>
  json(res, status, { error: { code, message: code } })

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= BODY_LIMIT) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > BODY_LIMIT ? undefined : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

type Writer = (inserts: Insert[]) => Promise<void> | void

/** The checkout's job: validate, price, sign, store, answer 201 with the signed form. */
const checkout = (write: Writer) => async (req: IncomingMessage, res: ServerResponse) => {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return fail(res, 415, 'unsupported_media_type')
  }
  const raw = await readBody(req)
  if (!raw) return fail(res, 413, 'payload_too_large')
  let body: unknown
  try {
    body = JSON.parse(raw.toString('utf8'))
  } catch {
    return fail(res, 400, 'invalid_json')
  }
  const itemId = typeof body === 'object' && body !== null && 'item' in body ? body.item : undefined
  if (typeof itemId !== 'string') return fail(res, 400, 'invalid_request')
  const item = config.catalog[itemId]
  if (!item) return fail(res, 404, 'unknown_item')
  // The server's own helpers: the same key shape (its minute first, so the index stays warm) and
  // the same signing message, so the comparison measures the framework and not the key.
  const now = new Date()
  const client_rrn = clientRrnFrom((n) => randomBytes(n), now)
  const amount = toCanonical(item.qepik)
  const client_ip = req.socket.remoteAddress ?? '127.0.0.1'
  const hash = createHmac('sha256', config.secret)
    .update(signingMessage({ service_id: config.serviceId, client_rrn, amount }), 'utf8')
    .digest('hex')
  const at = now.toISOString()
  await write(
    checkoutWrites(
      {
        client_rrn,
        qepik: item.qepik,
        item_id: itemId,
        title: item.title,
        description: item.description ?? null,
        return_url: null,
        client_ip,
      },
      at,
    ),
  )
  json(res, 201, {
    client_rrn,
    amount,
    title: item.title,
    ...(item.description ? { description: item.description } : {}),
    redirect: {
      url: `${config.pspUrl}/process`,
      method: 'POST',
      fields: { service_id: config.serviceId, client_rrn, amount, client_ip, hash },
    },
  })
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => unknown
const routes = new Map<string, Route>()

if (config.sqlite?.oneInsert) {
  const one = openSqlite(config.sqlite.oneInsert)
  one.exec(
    'create table if not exists one_insert (client_rrn text primary key, qepik integer not null, title text not null, client_ip text, created_at text not null)',
  )
  const insertOne = one.prepare(
    'insert into one_insert (client_rrn, qepik, title, client_ip, created_at) values (?, ?, ?, ?, ?)',
  )
  routes.set(
    'POST /checkout/sqlite-one-insert',
    checkout((inserts) => {
      const order = inserts[0]?.row ?? {}
      insertOne.run(order.client_rrn, order.qepik, order.title, order.client_ip, order.created_at)
    }),
  )
}

if (config.sqlite?.sameWrites) {
  const same = openSqlite(config.sqlite.sameWrites)
  const prepared = statements(same)
  const writeAll = same.transaction((inserts: Insert[]) => {
    for (const insert of inserts) {
      const { sql, params } = sqliteInsert(insert)
      prepared(sql).run(...params)
    }
  })
  routes.set(
    'POST /checkout/sqlite-same-writes',
    checkout((inserts) => writeAll(inserts)),
  )
}

if (config.sqlite?.reads) {
  const reads = openSqlite(config.sqlite.reads)
  const byRrn = reads.prepare(
    'select client_rrn, status, reason, qepik, title, updated_at from orders where client_rrn = ?',
  )
  routes.set('GET /api/payments', (_req, res, url) => {
    const row = byRrn.get(url.pathname.slice('/api/payments/'.length)) as
      | {
          client_rrn: string
          status: string
          reason: string | null
          qepik: number
          title: string
          updated_at: string
        }
      | undefined
    if (!row) return fail(res, 404, 'not_found')
    json(
      res,
      200,
      {
        client_rrn: row.client_rrn,
        status: row.status,
        reason: row.reason,
        amount: toCanonical(row.qepik),
        title: row.title,
        updated_at: row.updated_at,
      },
      { 'cache-control': 'no-store' },
    )
  })
}

if (config.sqlite?.callback) {
  const db = openSqlite(config.sqlite.callback)
  const prepare = statements(db)
  const run = (insert: Insert) => {
    const statement = sqliteInsert(insert)
    prepare(statement.sql).run(...statement.params)
  }
  const writeAhead = db.transaction((inserts: Insert[]) => {
    for (const insert of inserts) run(insert)
  })
  const toPending = db.transaction((writes: ReturnType<typeof pendingWrites>) => {
    const attempt = updateSql(writes.attempt, 'sqlite')
    prepare(attempt.sql).get(...attempt.params)
    const { sql, params } = updateSql(writes.update, 'sqlite')
    const row = prepare(sql).get(...params) as { return_url: string | null } | undefined
    if (!row) return undefined
    for (const insert of writes.inserts) run(insert)
    return row
  })
  routes.set('GET /api/callback', (_req, res, url) => {
    const psp_rrn = url.searchParams.get('psp_rrn')
    const client_rrn = url.searchParams.get('client_rrn')
    if (!psp_rrn || !client_rrn) return send(res, 400, 'bad request')
    const now = new Date()
    const at = now.toISOString()
    const writes = pendingWrites(client_rrn, psp_rrn, at, new Date(now.getTime() + 10_000).toISOString())
    // Two commits, as ours: the reference is durable before anything is asked or decided.
    writeAhead(writes.ahead)
    const row = toPending(writes)
    if (!row?.return_url) return send(res, 409, 'not created')
    const target = new URL(row.return_url)
    target.searchParams.set('portmanat_status', 'pending')
    target.searchParams.set('client_rrn', client_rrn)
    send(res, 303, '', { location: target.toString() })
  })
}

if (config.postgres) {
  const pool = new pg.Pool({ connectionString: config.postgres, max: 10 })
  pool.on('error', () => {})
  await pool.query(
    'create table if not exists one_insert (client_rrn text primary key, qepik integer not null, title text not null, client_ip text, created_at text not null)',
  )
  routes.set(
    'POST /checkout/pg-one-insert',
    checkout(async (inserts) => {
      const order = inserts[0]?.row ?? {}
      await pool.query({
        name: 'one-insert',
        text: 'insert into one_insert (client_rrn, qepik, title, client_ip, created_at) values ($1, $2, $3, $4, $5)',
        values: [order.client_rrn, order.qepik, order.title, order.client_ip, order.created_at],
      })
    }),
  )
  const names = new Map<string, string>()
  routes.set(
    'POST /checkout/pg-same-writes',
    checkout(async (inserts) => {
      const { sql, params } = postgresInserts(inserts)
      let name = names.get(sql)
      if (!name) {
        name = `same-writes-${names.size}`
        names.set(sql, name)
      }
      await pool.query({ name, text: sql, values: params as Value[] })
    }),
  )
}

if (config.widget) {
  const bytes = readFileSync(config.widget.file)
  const headers = { ...config.widget.headers }
  routes.set('GET /widget.js', (_req, res) => send(res, 200, bytes, headers))
}

routes.set('GET /ready', (_req, res) => send(res, 200, 'ok'))

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://raw')
  const key = url.pathname.startsWith('/api/payments/')
    ? 'GET /api/payments'
    : `${req.method} ${url.pathname}`
  const route = routes.get(key)
  if (!route) return send(res, 404, 'not found')
  Promise.resolve(route(req, res, url)).catch((error: unknown) => {
    process.stderr.write(`raw baseline ${key}: ${error instanceof Error ? error.stack : String(error)}\n`)
    if (!res.headersSent) send(res, 500, 'error')
  })
})
server.keepAliveTimeout = 65_000
server.listen(config.port, '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
