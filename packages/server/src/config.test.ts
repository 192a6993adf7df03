import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, readEnvironment } from './config.ts'

const SECRET = 'super-secret-key-value-123'
const WHSEC = `whsec_${Buffer.from('a webhook secret of 32 bytes....').toString('base64')}`
const live = {
  PORTMANAT_SERVICE_ID: '123456',
  PORTMANAT_SECRET_KEY: SECRET,
  PUBLIC_URL: 'https://pay.example.az',
}

function errorOf(env: Record<string, string>, cwd?: string): ConfigError {
  try {
    loadConfig(env, cwd ? { cwd } : {})
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  it('defaults to sandbox mode on 127.0.0.1:8787 with the demo catalog', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      mode: 'sandbox',
      serviceId: '100001',
      port: 8787,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:8787',
      pspUrl: 'http://127.0.0.1:8787/sandbox',
      databaseUrl: 'sqlite:./data/payments.db',
      rateLimit: 20,
      logLevel: 'info',
      trustProxy: 0,
      merchantApiKey: null,
      webhook: null,
    })
    expect(config.allowedOrigins).toEqual(['http://localhost:8787', 'http://127.0.0.1:8787'])
    expect([...config.catalog.keys()]).toEqual(['premium', 'coffee', 'ticket'])
    expect(config.sandboxStateFile).toMatch(/data[/\\]sandbox\.json$/)
  })

  it('reads live mode, origins, limits and keys', () => {
    const config = loadConfig({
      ...live,
      ALLOWED_ORIGINS: 'https://shop.example.az, https://www.shop.example.az/',
      RATE_LIMIT: 'off',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
      MERCHANT_API_KEY: 'k'.repeat(32),
      WEBHOOK_URL: 'https://shop.example.az/hooks',
      WEBHOOK_SECRET: WHSEC,
    })
    expect(config).toMatchObject({
      mode: 'live',
      serviceId: '123456',
      pspUrl: 'https://psp.mps.az',
      rateLimit: null,
      trustProxy: 1,
    })
    expect(config.allowedOrigins).toEqual([
      'https://pay.example.az',
      'https://shop.example.az',
      'https://www.shop.example.az',
    ])
    expect(config.secretKey.reveal()).toBe(SECRET)
    expect(JSON.stringify(config)).not.toContain(SECRET)
    expect(config.catalog.size).toBe(0)
  })

  it('allows plain http in live mode on loopback only', () => {
    expect(loadConfig({ ...live, PUBLIC_URL: 'http://localhost:8787' }).mode).toBe('live')
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ HOST: 'bad host' }, 'HOST'],
    [{ PUBLIC_URL: 'pay.example.az' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://pay.example.az' }, 'PUBLIC_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ ALLOWED_ORIGINS: '*' }, 'ALLOWED_ORIGINS'],
    [{ ALLOWED_ORIGINS: 'https://shop.example.az/path' }, 'ALLOWED_ORIGINS'],
    [{ RATE_LIMIT: 'lots' }, 'RATE_LIMIT'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ PORTMANAT_PSP_URL: 'nope' }, 'PORTMANAT_PSP_URL'],
    [{ PORTMANAT_SERVICE_ID: '123' }, 'PORTMANAT_SECRET_KEY'],
    [{ PORTMANAT_SECRET_KEY: SECRET }, 'PORTMANAT_SERVICE_ID'],
    [{ ...live, PORTMANAT_SECRET_KEY: ` ${SECRET}` }, 'PORTMANAT_SECRET_KEY'],
    [{ ...live, PORTMANAT_SECRET_KEY: 'short' }, 'PORTMANAT_SECRET_KEY'],
    [{ ...live, PUBLIC_URL: 'http://pay.example.az' }, 'PUBLIC_URL'],
    [{ ...live, PORTMANAT_PSP_URL: 'http://psp.mps.az' }, 'PORTMANAT_PSP_URL'],
    [{ MERCHANT_API_KEY: 'short' }, 'MERCHANT_API_KEY'],
    [{ WEBHOOK_URL: 'https://shop.example.az/hooks' }, 'WEBHOOK_SECRET'],
    [{ WEBHOOK_SECRET: WHSEC }, 'WEBHOOK_URL'],
    [{ CATALOG: '/nonexistent/catalog.json' }, 'CATALOG'],
  ])('refuses %j with one line naming %s, never showing the secret', (env, variable) => {
    const error = errorOf(env)
    expect(error.variable).toBe(variable)
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} `))
    expect(error.message).not.toContain('\n')
    expect(error.message).not.toContain(SECRET)
  })

  it.each([
    [{ DATABASE_URL: 'mysql://shop:S3cretDbPass@db/x' }, 'S3cretDbPass'],
    [{ WEBHOOK_URL: 'ftp://hooks:S3cretHook@shop.example.az/h', WEBHOOK_SECRET: WHSEC }, 'S3cretHook'],
    [{ PORTMANAT_PSP_URL: 'ftp://psp.mps.az/?token=S3cretToken' }, 'S3cretToken'],
  ])('never shows credentials of a rejected URL: %j', (env, credential) => {
    const { message } = errorOf(env)
    expect(message).not.toContain(credential)
    expect(message).toMatch(/\*\*\*@|\?…/)
  })

  it('explains why live mode needs https', () => {
    expect(errorOf({ ...live, PUBLIC_URL: 'http://pay.example.az' }).message).toMatch(/https.*callback/)
  })

  it('validates the catalog file and names the bad entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'))
    writeFileSync(
      join(dir, 'catalog.json'),
      JSON.stringify({ items: { tea: { title: 'Tea', amount: '1.999' } } }),
    )
    writeFileSync(join(dir, 'broken.json'), '{ items: ')
    expect(errorOf({ CATALOG: 'catalog.json' }, dir).message).toMatch(/CATALOG .*items\.tea\.amount/)
    expect(errorOf({ CATALOG: 'broken.json' }, dir).message).toMatch(/CATALOG is not valid JSON/)
  })

  it('keeps the sandbox state next to the SQLite file, and nowhere for :memory:', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/pay/payments.db' }).sandboxStateFile).toBe(
      '/var/lib/pay/sandbox.json',
    )
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).sandboxStateFile).toBeNull()
  })
})

describe('PORTMANAT_MODE', () => {
  const production = {
    PUBLIC_URL: 'https://pay.example.az',
    WEBHOOK_URL: 'https://shop.example.az/hooks',
    WEBHOOK_SECRET: WHSEC,
    MERCHANT_API_KEY: 'k'.repeat(32),
  }

  it('refuses to start when nothing is set but the deployment looks like production', () => {
    const setups: Record<string, string>[] = [
      production,
      { HOST: '0.0.0.0' },
      { NODE_ENV: 'production' },
      { PUBLIC_URL: 'https://pay.example.az' },
    ]
    for (const env of setups) {
      const error = errorOf(env)
      expect(error.variable).toBe('PORTMANAT_MODE')
      expect(error.message).toMatch(/PORTMANAT_MODE/)
      expect(error.message).toMatch(/PORTMANAT_SERVICE_ID/)
      expect(error.message).toMatch(/PORTMANAT_SECRET_KEY/)
      expect(error.message.split('\n')).toHaveLength(1)
    }
  })

  it('enters sandbox mode unasked only on a loopback development setup', () => {
    expect(loadConfig({}).mode).toBe('sandbox')
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:8787', NODE_ENV: 'development' }).mode).toBe('sandbox')
  })

  it('takes the mode said on purpose', () => {
    expect(loadConfig({ ...production, PORTMANAT_MODE: 'sandbox' }).mode).toBe('sandbox')
    expect(loadConfig({ ...live, PORTMANAT_MODE: 'live' }).mode).toBe('live')
    expect(loadConfig(live).mode).toBe('live')
  })

  it('live mode needs both credentials, and says which is missing', () => {
    expect(errorOf({ PORTMANAT_MODE: 'live', PUBLIC_URL: 'https://pay.example.az' }).variable).toBe(
      'PORTMANAT_SERVICE_ID',
    )
    const error = errorOf({ ...live, PORTMANAT_MODE: 'live', PORTMANAT_SECRET_KEY: '' })
    expect(error.variable).toBe('PORTMANAT_SECRET_KEY')
  })

  it('reads Standard Webhooks secrets, several during a rotation, and refuses anything else', () => {
    const next = `whsec_${Buffer.from('x'.repeat(48)).toString('base64')}`
    const config = loadConfig({
      WEBHOOK_URL: 'https://shop.example.az/h',
      WEBHOOK_SECRET: `${WHSEC}  ${next}`,
    })
    expect(config.webhook?.secrets.map((secret) => secret.reveal())).toEqual([WHSEC, next])
    for (const bad of ['w'.repeat(32), 'whsec_c2hvcnQ=', `${WHSEC} plain`, `whsec_${'A'.repeat(200)}`]) {
      const error = errorOf({ WEBHOOK_URL: 'https://shop.example.az/h', WEBHOOK_SECRET: bad })
      expect(error.variable).toBe('WEBHOOK_SECRET')
      expect(error.message).toMatch(/whsec_/)
      expect(error.message).not.toContain(bad)
    }
  })

  it('rejects an unknown mode', () => {
    expect(errorOf({ PORTMANAT_MODE: 'test' }).message).toMatch(/PORTMANAT_MODE must be live or sandbox/)
  })
})

describe('readEnvironment', () => {
  it('merges .env under the process environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dotenv-'))
    writeFileSync(join(dir, '.env'), 'PORTMANAT_TEST_FROM_FILE=file\nPATH=from-file\n')
    const env = readEnvironment(dir)
    expect(env.PORTMANAT_TEST_FROM_FILE).toBe('file')
    expect(env.PATH).not.toBe('from-file')
  })

  it('works without a .env file', () => {
    expect(readEnvironment(mkdtempSync(join(tmpdir(), 'no-dotenv-'))).PATH).toBeTruthy()
  })
})
