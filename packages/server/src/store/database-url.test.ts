import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { parseDatabaseUrl } from './database-url.ts'
import { createStore, DatabaseUrlError, redactDatabaseUrl } from './index.ts'

describe('parseDatabaseUrl', () => {
  test.each([
    ['sqlite:./data/payments.db', { engine: 'sqlite', path: './data/payments.db' }],
    ['sqlite:data/x.db', { engine: 'sqlite', path: 'data/x.db' }],
    ['sqlite:/var/lib/pay.db', { engine: 'sqlite', path: '/var/lib/pay.db' }],
    ['sqlite:///var/lib/pay.db', { engine: 'sqlite', path: '/var/lib/pay.db' }],
    ['sqlite::memory:', { engine: 'sqlite', path: ':memory:' }],
    ['  sqlite:x.db  ', { engine: 'sqlite', path: 'x.db' }],
    ['postgres://u:p@db:5432/pay', { engine: 'postgres', connectionString: 'postgres://u:p@db:5432/pay' }],
    ['postgresql://db/pay', { engine: 'postgres', connectionString: 'postgresql://db/pay' }],
  ])('reads %s', (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected)
  })

  test.each([
    ['', /DATABASE_URL is empty/],
    ['sqlite:', /DATABASE_URL "sqlite:" names no file/],
    [
      'mysql://root:hunter2@db/pay',
      /DATABASE_URL "mysql:\/\/root:\*\*\*@db\/pay" has an unsupported scheme "mysql:"/,
    ],
    ['./data/payments.db', /DATABASE_URL ".\/data\/payments.db" is not a URL/],
    ['postgres//u:hunter2@db', /DATABASE_URL "postgres\/\/u:hunter2@db" is not a URL/],
  ])('refuses %j with a clear error', (url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError)
    expect(() => parseDatabaseUrl(url)).toThrow(message)
  })

  test('never shows the password of a refused URL', () => {
    for (const url of [
      'mysql://root:hunter2@db/pay',
      'http://u:hunter2@h',
      'mssql://u:hun/ter2@h',
      'pg:x?password=hunter2',
    ]) {
      expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError)
      try {
        parseDatabaseUrl(url)
      } catch (error) {
        expect(String(error)).not.toContain('hunter2')
        expect(String(error)).not.toContain('hun/ter2')
      }
    }
  })
})

describe('redactDatabaseUrl', () => {
  test.each([
    ['postgres://u:secret@db:5432/pay', 'postgres://u:***@db:5432/pay'],
    ['postgres://u:se/cr@et@db/pay', 'postgres://u:***@db/pay'],
    ['postgres://u@db/pay', 'postgres://u@db/pay'],
    ['postgres://db:5432/pay?sslmode=require', 'postgres://db:5432/pay?sslmode=require'],
    ['postgres://db/pay?user=u&password=secret&x=1', 'postgres://db/pay?user=u&password=***&x=1'],
    ['sqlite:./data/payments.db', 'sqlite:./data/payments.db'],
    ['postgres://u:p@ss@db/pay', 'postgres://u:***@db/pay'],
    ['postgres://u:pa ss@db/pay', 'postgres://u:***@db/pay'],
    ['postgres://db/pay?password=hunter2', 'postgres://db/pay?password=***'],
  ])('%s → %s', (url, redacted) => {
    expect(redactDatabaseUrl(url)).toBe(redacted)
  })

  test.each([
    ['connect to postgres://u:p@ss@db/pay failed', 'connect to postgres://u:***@db/pay failed'],
    ['connect to postgres://u:pa ss@db/pay failed', 'connect to postgres://u:***@db/pay failed'],
    ['postgres://db/pay?password=hunter2&x=1 here', 'postgres://db/pay?password=***&x=1 here'],
    ['postgres://db/pay?password=hun ter2', 'postgres://db/pay?password=***'],
    [
      'postgres://a:x@h1/p and POSTGRESQL://b:y@h2/q, mail admin@example.com',
      'postgres://a:***@h1/p and POSTGRESQL://b:***@h2/q, mail admin@example.com',
    ],
    ['"postgres://u:secret@db/pay" is refused', '"postgres://u:***@db/pay" is refused'],
    ['no URL here: user@example.com, a:b', 'no URL here: user@example.com, a:b'],
  ])('finds URLs in text: %j', (text, redacted) => {
    expect(redactDatabaseUrl(text)).toBe(redacted)
  })
})

describe('createStore', () => {
  test('refuses a bad URL with a DatabaseUrlError that names DATABASE_URL', async () => {
    await expect(createStore('redis://:topsecret@cache')).rejects.toThrow(DatabaseUrlError)
    await expect(createStore('redis://:topsecret@cache')).rejects.toThrow(
      /^DATABASE_URL "redis:\/\/:\*\*\*@cache"/,
    )
  })

  test('creates the folder of a SQLite file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'portmanat-url-'))
    try {
      const store = await createStore(`sqlite:${join(folder, 'a', 'b', 'payments.db')}`)
      await store.migrate()
      await store.close()
      expect(existsSync(join(folder, 'a', 'b', 'payments.db'))).toBe(true)
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})
