import { FAILURE_REASONS, LOCALES, MAX_QEPIK, ORDER_STATUSES } from '@portmanat-checkout/shared'
import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { parseDatabaseUrl } from './database-url.ts'
import { createStore } from './index.ts'
import {
  SCHEMA_ATTEMPT_STATES,
  SCHEMA_CHANNELS,
  SCHEMA_EVENT_TYPES,
  SCHEMA_LOCALES,
  SCHEMA_MAX_QEPIK,
  SCHEMA_REASONS,
  SCHEMA_STATUSES,
} from './migrations/2026-11-28-attempts-and-outbox.ts'
import { migrate, migrateToLatest } from './migrations.ts'
import { openDatabase } from './open-database.ts'
import { engines, freshLedger, newOrder, rrn } from './test-engines.ts'
import { ATTEMPT_STATES, CHANNELS, type Transition } from './types.ts'

const T0 = new Date('2026-11-26T10:00:00.000Z')

test("the schema's frozen lists still match shared (a change there needs a new migration)", () => {
  expect([...SCHEMA_STATUSES]).toEqual([...ORDER_STATUSES])
  expect([...SCHEMA_REASONS]).toEqual([...FAILURE_REASONS])
  expect([...SCHEMA_LOCALES]).toEqual([...LOCALES])
  expect([...SCHEMA_ATTEMPT_STATES]).toEqual([...ATTEMPT_STATES])
  expect([...SCHEMA_CHANNELS]).toEqual([...CHANNELS])
  expect([...SCHEMA_EVENT_TYPES]).toEqual(['order.pending', 'order.paid', 'order.failed', 'order.expired'])
  expect(SCHEMA_MAX_QEPIK).toBe(MAX_QEPIK)
})

describe.each(engines)('schema on $name', (engine) => {
  test('migrating again changes nothing and keeps the data', async () => {
    const ledger = await freshLedger(engine)
    const store = await ledger.open()
    const order = newOrder()
    await store.insertOrder(order, T0)
    await store.migrate()
    await store.migrate()
    expect(await store.getOrder(order.client_rrn)).toMatchObject({ client_rrn: order.client_rrn })
  })

  test('the database itself rejects rows that break the rules', async () => {
    const store = await (await freshLedger(engine)).open()
    await expect(store.insertOrder(newOrder({ qepik: 0 }), T0)).rejects.toThrow()
    await expect(store.insertOrder(newOrder({ qepik: -5 }), T0)).rejects.toThrow()
    await expect(store.insertOrder(newOrder({ qepik: MAX_QEPIK + 1 }), T0)).rejects.toThrow()
    await expect(store.insertOrder(newOrder({ client_rrn: rrn().slice(1) }), T0)).rejects.toThrow()
    await expect(store.insertOrder(newOrder({ client_rrn: `${rrn()}x` }), T0)).rejects.toThrow()
    const unknownLocale = newOrder({
      // @ts-expect-error: an unknown locale is exactly what the database must refuse.
      locale: 'de',
    })
    await expect(store.insertOrder(unknownLocale, T0)).rejects.toThrow()
    const order = newOrder({ order_token: 'tok' })
    await store.insertOrder(order, T0)
    await expect(store.insertOrder(newOrder({ client_rrn: order.client_rrn }), T0)).rejects.toThrow()
    await expect(store.insertOrder(newOrder({ order_token: 'tok' }), T0)).rejects.toThrow()
    const unknownStatus: Transition = {
      from: ['created'],
      // @ts-expect-error: an unknown status is exactly what the database must refuse.
      to: 'refunded',
    }
    await expect(store.transition(order.client_rrn, unknownStatus, T0)).rejects.toThrow()
    const unknownReason: Transition = {
      from: ['created'],
      to: 'failed',
      // @ts-expect-error: an unknown reason too.
      reason: 'bored',
    }
    await expect(store.transition(order.client_rrn, unknownReason, T0)).rejects.toThrow()
    await expect(store.insertOrder(newOrder({ quantity: 0 }), T0)).rejects.toThrow()
    // Nothing of the failed attempts was written, not even half of a transaction.
    expect(await store.getOrder(order.client_rrn)).toMatchObject({ status: 'created' })
    expect(await store.events(order.client_rrn)).toHaveLength(1)
  })

  test('an event must belong to an order (foreign key)', async () => {
    const ledger = await freshLedger(engine)
    await (await ledger.open()).close()
    const opened = await openDatabase(parseDatabaseUrl(ledger.url))
    const db = await opened.queryBuilder()
    try {
      // `:memory:` is a new, empty database per connection: migrate this one.
      await migrateToLatest(db, opened.dialect)
      const event = {
        client_rrn: rrn(),
        from_status: null,
        to_status: 'created' as const,
        reason: null,
        detail: null,
        at: T0.toISOString(),
      }
      await expect(db.insertInto('order_events').values(event).execute()).rejects.toThrow()
      const attempt = {
        client_rrn: rrn(),
        psp_rrn: 'P',
        state: 'open' as const,
        outcome: null,
        checks: 0,
        next_check_at: T0.toISOString(),
        created_at: T0.toISOString(),
        checked_at: null,
      }
      await expect(db.insertInto('payment_attempts').values(attempt).execute()).rejects.toThrow()
    } finally {
      await db.destroy()
    }
  })
})

describe.each(engines.filter((engine) => engine.manyStoresPerProcess))('instances on $name', (engine) => {
  test('instances that start together migrate once', async () => {
    const ledger = await freshLedger(engine)
    const stores = await Promise.all(Array.from({ length: 4 }, () => ledger.open({ migrate: false })))
    await Promise.all(stores.map((store) => store.migrate()))
    const order = newOrder()
    await stores[0]?.insertOrder(order, T0)
    for (const store of stores) expect(await store.getOrder(order.client_rrn)).toBeDefined()
  })
})

describe.each(engines.filter((engine) => engine.persistent))('durability on $name', (engine) => {
  test('a closed and reopened database keeps its orders and events', async () => {
    const ledger = await freshLedger(engine)
    const first = await ledger.open()
    const order = newOrder({ idempotency_key: 'durable' })
    await first.insertOrder(order, T0)
    await first.transition(order.client_rrn, { from: ['created'], to: 'paid', psp_rrn: 'P' }, T0)
    await first.close()
    const reopened = await ledger.open()
    expect(await reopened.getOrderByIdempotencyKey('durable')).toMatchObject({ status: 'paid', psp_rrn: 'P' })
    expect(await reopened.events(order.client_rrn)).toHaveLength(2)
  })
})

describe('SQLite settings', () => {
  test('a file database runs in WAL with full sync, a busy timeout and foreign keys', async () => {
    const engine = engines.find((candidate) => candidate.dialect === 'sqlite' && candidate.persistent)
    if (engine === undefined) throw new Error('the SQLite file engine is always there')
    const ledger = await freshLedger(engine)
    const opened = await openDatabase(parseDatabaseUrl(ledger.url), {
      busyTimeoutMs: 1234,
      cacheSizeKib: 4096,
    })
    const db = await opened.queryBuilder()
    try {
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] ?? {})[0]
      expect(await pragma('journal_mode')).toBe('wal')
      expect(await pragma('synchronous')).toBe(2) // FULL
      expect(await pragma('busy_timeout')).toBe(1234)
      expect(await pragma('foreign_keys')).toBe(1)
      expect(await pragma('cache_size')).toBe(-4096)
    } finally {
      await db.destroy()
    }
  })
})

test('an unreachable database fails migrate with the URL redacted', async () => {
  // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
  const store = await createStore('postgres://someone:hunter2@127.0.0.1:9/none')
  try {
    const failure = await store.migrate().then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(String(failure)).toMatch(
      /^Error: store: cannot migrate postgres:\/\/someone:\*\*\*@127\.0\.0\.1:9\/none: /,
    )
    expect(String(failure)).not.toContain('hunter2')
  } finally {
    await store.close()
  }
})

test('reports each applied migration to the logger, and nothing when up to date', async () => {
  const lines: Array<[Record<string, unknown>, string]> = []
  const log = (fields: Record<string, unknown>, message: string) => lines.push([fields, message])
  const store = await createStore('sqlite::memory:', { logger: { info: log, warn: log, error: log } })
  try {
    await store.migrate()
    expect(lines).toEqual([
      [{ migration: '2026-11-01-ledger', database: 'sqlite::memory:' }, 'store: migration applied'],
      [
        { migration: '2026-11-28-attempts-and-outbox', database: 'sqlite::memory:' },
        'store: migration applied',
      ],
      [{ migration: '2026-11-28-revoked-sessions', database: 'sqlite::memory:' }, 'store: migration applied'],
    ])
    await store.migrate()
    expect(lines).toHaveLength(3)
  } finally {
    await store.close()
  }
})

describe.each(engines.filter((engine) => engine.persistent))(
  'upgrading a ledger of the first schema on $name',
  (engine) => {
    test('keeps orders and events, and carries scheduled follow-ups over as attempts', async () => {
      const ledger = await freshLedger(engine)
      const opened = await openDatabase(parseDatabaseUrl(ledger.url))
      const db = await opened.queryBuilder()
      const [pending, returned, paid] = [rrn(), rrn(), rrn()]
      try {
        await migrate(db, opened.dialect, '2026-11-01-ledger')
        const row = (
          client_rrn: string,
          status: string,
          psp_rrn: string | null,
          next_check_at: string | null,
        ) => ({
          client_rrn,
          qepik: 523,
          item_id: 'premium',
          title: 'Premium',
          status,
          psp_rrn,
          idempotency_key: `key-${client_rrn}`,
          check_attempts: 2,
          next_check_at,
          created_at: T0.toISOString(),
          updated_at: T0.toISOString(),
        })
        await sql`insert into orders ${sql.raw('(client_rrn, qepik, item_id, title, status, psp_rrn, idempotency_key, check_attempts, next_check_at, created_at, updated_at)')}
        values ${sql.join(
          [
            row(pending, 'pending', 'P1', '2026-11-26T11:00:00.000Z'),
            row(returned, 'created', 'P2', '2026-11-26T10:00:10.000Z'),
            row(paid, 'paid', 'P3', null),
          ].map((r) => sql`(${sql.join(Object.values(r))})`),
        )}`.execute(db)
        await sql`insert into order_events (client_rrn, from_status, to_status, at) values (${paid}, ${null}, 'created', ${T0.toISOString()})`.execute(
          db,
        )
        await migrateToLatest(db, opened.dialect)
      } finally {
        await db.destroy()
      }
      const store = await ledger.open()
      expect(await store.getOrder(pending)).toMatchObject({
        status: 'pending',
        psp_rrn: 'P1',
        quantity: 1,
        livemode: null,
      })
      expect(await store.getOrderByIdempotencyKey(`key-${paid}`)).toMatchObject({ status: 'paid' })
      expect(await store.events(paid)).toHaveLength(1)
      expect(await store.attempts(pending)).toEqual([
        expect.objectContaining({
          psp_rrn: 'P1',
          state: 'pending',
          checks: 2,
          next_check_at: '2026-11-26T11:00:00.000Z',
        }),
      ])
      expect(await store.attempts(returned)).toEqual([
        expect.objectContaining({ psp_rrn: 'P2', state: 'open', checks: 2 }),
      ])
      expect(await store.attempts(paid)).toEqual([])
    })
  },
)
