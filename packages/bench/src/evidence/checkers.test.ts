/**
 * The evidence suites' own checkers, on made-up ledgers and answers: each rule can fail, and the
 * outbox checks (which only run once the server has an outbox) work on a table of that name.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { problems as crashProblems } from './crash-checks.ts'
import { problems as answerProblems, errorShapeProblem, type Rules } from './hostile/checks.ts'
import { parseRaw } from './hostile/send.ts'
import { type Ledger, readLedger, rrnsIn } from './ledger-reader.ts'

const A = 'a'.repeat(24)
const B = 'b'.repeat(24)

const ledger = (orders: Record<string, string>, extra: Partial<Ledger> = {}): Ledger => ({
  orders: new Map(Object.entries(orders).map(([rrn, status]) => [rrn, { status, reason: null }])),
  transitions: new Map(),
  integrity: 'ok',
  ...extra,
})

describe('crash checks', () => {
  const acked = { orders: new Set([A, B]), changes: new Map([[B, 'paid']]) }

  it('passes a ledger that kept everything acknowledged', () => {
    expect(crashProblems(ledger({ [A]: 'created', [B]: 'paid' }), acked, new Set())).toEqual([])
  })

  it('names a lost order, a lost state change, a torn file and a doubled transition', () => {
    const found = crashProblems(
      ledger(
        { [B]: 'pending' },
        {
          integrity: '*** in database main *** Page 7: btreeInitPage() returns error code 11',
          transitions: new Map([
            [
              B,
              [
                { from: null, to: 'created' },
                { from: 'created', to: 'pending' },
                { from: 'x', to: 'pending' },
              ],
            ],
          ]),
        },
      ),
      acked,
      new Set(),
    )
    expect(found).toEqual([
      expect.stringContaining('integrity_check'),
      `acknowledged order ${A} is missing`,
      `order ${B} was acknowledged paid, is pending`,
      expect.stringContaining(`order ${B} made a transition twice`),
    ])
  })

  it('once there is an outbox: a row that disappears, and a change without a row', () => {
    const seen = new Set(['1', '2'])
    const outbox = { key: 'id', rows: [{ id: 1, payload: JSON.stringify({ data: { client_rrn: A } }) }] }
    const found = crashProblems(ledger({ [A]: 'created', [B]: 'paid' }, { outbox }), acked, seen)
    expect(found).toEqual(['outbox row 2 disappeared', `no outbox row for ${B} (paid)`])
  })

  it('leaves the per-order outbox check to delivery when rows do not name orders', () => {
    const outbox = { key: 'id', rows: [{ id: 1, event_id: 7 }] }
    expect(crashProblems(ledger({ [A]: 'created', [B]: 'paid' }, { outbox }), acked, new Set())).toEqual([])
  })
})

describe('readLedger', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('reads orders, transitions and, when the table exists, the outbox whatever its columns', () => {
    dir = mkdtempSync(join(tmpdir(), 'checkers-'))
    const file = join(dir, 'ledger.db')
    const db = new Database(file)
    db.exec(`
      create table orders (client_rrn text primary key, status text, reason text, extra text);
      create table order_events (id integer primary key, client_rrn text, from_status text, to_status text);
      insert into orders values ('${A}', 'paid', null, 'x');
      insert into order_events (client_rrn, from_status, to_status) values ('${A}', null, 'created'), ('${A}', 'created', 'created'), ('${A}', 'created', 'paid');
    `)
    db.close()
    const before = readLedger(file)
    expect(before.outbox).toBeUndefined()
    expect(before.integrity).toBe('ok')
    expect(before.orders.get(A)).toEqual({ status: 'paid', reason: null })
    expect(before.transitions.get(A)).toEqual([
      { from: null, to: 'created' },
      { from: 'created', to: 'paid' },
    ])

    const again = new Database(file)
    again.exec(
      `create table outbox (event_id text primary key, body text); insert into outbox values ('evt_1', '{"client_rrn":"${A}"}');`,
    )
    again.close()
    const after = readLedger(file)
    expect(after.outbox?.key).toBe('event_id')
    expect(after.outbox?.rows.flatMap(rrnsIn)).toEqual([A])
  })
})

describe('hostile answer checks', () => {
  const rules: Rules = {
    allowedOrigins: ['http://127.0.0.1:8787', 'https://shop.example.az'],
    base: 'http://127.0.0.1:8787',
    secrets: ['the-secret'],
  }
  const get = { kind: 'http' as const, method: 'GET', path: '/api/payments/x', headers: {} }
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    answers: [
      {
        status,
        headers: { 'content-type': 'application/json', ...headers },
        body: Buffer.from(JSON.stringify(body)),
      },
    ],
    text: JSON.stringify(body),
  })

  it('accepts the documented error shape, fields included', () => {
    expect(
      errorShapeProblem({
        error: { code: 'invalid_request', message: 'bad', fields: { item: ['is required'] } },
      }),
    ).toBeUndefined()
    expect(answerProblems(get, json(400, { error: { code: 'not_found', message: 'no' } }), rules)).toEqual([])
  })

  it('refuses other shapes', () => {
    expect(errorShapeProblem({ error: 'bad' })).toBe('"error" is not an object')
    expect(errorShapeProblem({ error: { code: 'x', message: 'y' }, stack: '…' })).toContain('top-level keys')
    expect(errorShapeProblem({ error: { code: 'Bad Code', message: 'y' } })).toContain('snake_case')
    expect(errorShapeProblem({ error: { code: 'x', message: 'y', fields: { a: 'b' } } })).toContain(
      'list of strings',
    )
    expect(errorShapeProblem({ message: 'Internal Server Error' })).toContain('top-level keys')
  })

  it('names a 5xx, a foreign redirect and a secret', () => {
    expect(
      answerProblems(get, json(500, { error: { code: 'internal_error', message: 'x' } }), rules),
    ).toEqual(['status 500'])
    expect(
      answerProblems(
        get,
        { answers: [{ status: 303, headers: { location: 'https://evil.example/' } }], text: '' },
        rules,
      ),
    ).toEqual(['redirect to https://evil.example/'])
    expect(
      answerProblems(get, { answers: [{ status: 302, headers: { location: '/ok' } }], text: '' }, rules),
    ).toEqual([])
    expect(
      answerProblems(
        get,
        { answers: [{ status: 302, headers: { location: '//evil.example/x' } }], text: '' },
        rules,
      ),
    ).toEqual(['redirect to //evil.example/x'])
    expect(answerProblems(get, { answers: [], text: 'x-debug: the-secret' }, rules)).toEqual([
      'a secret is in the answer',
    ])
  })

  it('names an API error that is not JSON, but not a page on a browser path', () => {
    const empty = { answers: [{ status: 400, headers: {}, body: Buffer.alloc(0) }], text: '' }
    expect(answerProblems(get, empty, rules)).toEqual([
      'an API error that is not JSON: 400 (no content type) for GET /api/payments/x',
    ])
    const page = { kind: 'http' as const, method: 'GET', path: '/pay/premium', headers: {} }
    expect(answerProblems(page, empty, rules)).toEqual([])
  })

  it('finds every response in a raw stream, smuggled ones included', () => {
    const stream =
      'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n' +
      'HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nLocation: https://evil.example\r\n\r\n'
    expect(parseRaw(stream).map((a) => [a.status, a.headers.location])).toEqual([
      [400, undefined],
      [502, 'https://evil.example'],
    ])
  })
})
