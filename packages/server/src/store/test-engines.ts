/**
 * Test helpers: every engine the store suite runs on, and a fresh, private database per test.
 * SQLite always (in memory, and a temp file for WAL); PostgreSQL when `TEST_DATABASE_URL` is set,
 * each test in a schema of its own that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { onTestFinished } from 'vitest'
import { createStore } from './index.ts'
import type { NewOrder, Store } from './types.ts'

export interface Engine {
  name: string
  dialect: Store['dialect']
  /** Whether the database outlives its store (a file or a server, not `:memory:`). */
  persistent: boolean
  /**
   * Whether two stores in one process may share the database. Not so for a SQLite file: one
   * store's synchronous busy wait would block the event loop that the other's open transaction
   * needs to finish (two *processes* are fine, see `store-processes.test.ts`).
   */
  manyStoresPerProcess: boolean
  /** Creates an empty database and returns its URL and how to remove it. */
  create(): Promise<{ url: string; drop(): Promise<void> }>
}

const sqliteMemory: Engine = {
  name: 'sqlite (memory)',
  dialect: 'sqlite',
  persistent: false,
  manyStoresPerProcess: false,
  create: async () => ({ url: 'sqlite::memory:', drop: async () => {} }),
}

const sqliteFile: Engine = {
  name: 'sqlite (file, WAL)',
  dialect: 'sqlite',
  persistent: true,
  manyStoresPerProcess: false,
  async create() {
    const folder = await mkdtemp(join(tmpdir(), 'portmanat-store-'))
    return {
      url: `sqlite:${join(folder, 'nested', 'ledger.db')}`,
      drop: () => rm(folder, { recursive: true, force: true }),
    }
  },
}

function postgres(adminUrl: string): Engine {
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  return {
    name: 'postgres',
    dialect: 'postgres',
    persistent: true,
    manyStoresPerProcess: true,
    async create() {
      const schema = `store_test_${randomBytes(6).toString('hex')}`
      await admin(`create schema ${schema}`)
      const url = new URL(adminUrl)
      url.searchParams.set('options', `-c search_path=${schema}`)
      return { url: url.toString(), drop: () => admin(`drop schema ${schema} cascade`) }
    },
  }
}

const testDatabaseUrl = process.env.TEST_DATABASE_URL
/** The engines this run covers. */
export const engines: Engine[] = [
  sqliteMemory,
  sqliteFile,
  ...(testDatabaseUrl ? [postgres(testDatabaseUrl)] : []),
]

export interface Ledger {
  url: string
  /** A migrated store on this test's database; closed when the test ends. */
  open(options?: { migrate?: boolean }): Promise<Store>
}

/** A fresh database for the current test; its stores are closed and it is dropped when the test ends. */
export async function freshLedger(engine: Engine): Promise<Ledger> {
  const { url, drop } = await engine.create()
  const stores: Store[] = []
  onTestFinished(async () => {
    await Promise.all(stores.map((store) => store.close()))
    await drop()
  })
  return {
    url,
    async open({ migrate = true } = {}) {
      const store = await createStore(url)
      stores.push(store)
      if (migrate) await store.migrate()
      return store
    },
  }
}

let counter = 0
/** A distinct, valid 24-character client_rrn. */
export function rrn(): string {
  counter += 1
  return `${randomBytes(8).toString('hex')}${counter.toString(36).padStart(8, '0')}`
}

/** A valid new order; override what the test is about. */
export function newOrder(overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    client_rrn: rrn(),
    qepik: 523,
    item_id: 'premium',
    title: 'Premium plan',
    description: null,
    reference: null,
    return_url: null,
    locale: null,
    client_ip: '203.0.113.7',
    idempotency_key: null,
    request_hash: null,
    order_token: null,
    livemode: false,
    ...overrides,
  }
}
