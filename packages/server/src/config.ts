/**
 * Configuration from the environment (and a `.env` file in the working directory). This is the
 * only module that reads `process.env`; everything else receives a {@link Config}.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseEnv } from 'node:util'
import { DEMO_SERVICE } from '@portmanat-checkout/sandbox'
import * as v from 'valibot'
import { type Catalog, DEMO_CATALOG, parseCatalog } from './catalog.ts'
import { ConfigError, type Env } from './config-error.ts'
import { LOOPBACK, ownOrigins } from './http/origins.ts'
import { type NoticeConfig, noticeConfig } from './notices/config.ts'
import { Secret } from './secret.ts'

export { ConfigError, type Env } from './config-error.ts'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

/** Everything the server needs to know, validated. */
export interface Config {
  /**
   * `live` takes real payments; `sandbox` mounts the emulator at `/sandbox` with demo credentials.
   * From `PORTMANAT_MODE`, or decided from the credentials (see {@link loadConfig}).
   */
  mode: 'sandbox' | 'live'
  /** Whether `PORTMANAT_MODE` said the mode (rather than the credentials deciding it). */
  modeSaid: boolean
  serviceId: string
  secretKey: Secret
  /** PSP base URL without a trailing slash; `/process` and `/check` are appended. */
  pspUrl: string
  port: number
  host: string
  /** External base URL without a trailing slash; the callback URL is `{publicUrl}/api/callback`. */
  publicUrl: string
  databaseUrl: string
  catalog: Catalog
  /** Origins allowed to call `/api/checkout` and to be return URLs (always includes our own). */
  allowedOrigins: readonly string[]
  /** How many trusted proxies append to `X-Forwarded-For` (0: use the socket address). */
  trustProxy: number
  /** Checkouts per minute per client IP, or null when off. */
  rateLimit: number | null
  logLevel: LogLevel
  /** Bearer key of `POST /api/orders`; null turns that API off. */
  merchantApiKey: Secret | null
  /** Where order events go, and the `whsec_` secrets that sign them (several during a rotation). */
  webhook: { url: string; secrets: readonly Secret[] } | null
  /** The operator's password for `/dashboard` (≥ 12 characters); null turns the dashboard off. */
  dashboardPassword: Secret | null
  /** Telegram and e-mail notices of paid orders, and their language. */
  notices: NoticeConfig
  /** Where the mounted sandbox keeps its state across restarts (sandbox mode), or null. */
  sandboxStateFile: string | null
}

/**
 * The process environment merged over `.env` in the working directory (the environment wins).
 * Missing `.env` is fine; an unreadable one is a configuration error.
 */
export function readEnvironment(cwd = process.cwd()): Env {
  const file = join(cwd, '.env')
  if (!existsSync(file)) return { ...process.env }
  let fromFile: Env
  try {
    fromFile = parseEnv(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(
      '.env',
      `cannot be read: ${error instanceof Error ? error.message : 'unknown error'}`,
    )
  }
  return { ...fromFile, ...process.env }
}

/** Listen addresses that only this machine can reach. */
const LOOPBACK_HOSTS = new Set([...LOOPBACK, '::1'])

/**
 * Shows a rejected value in an error line, short and escaped; never used for secrets. A URL's
 * user:password and query (where tokens travel) are hidden, whatever the variable.
 */
const shown = (value: string) => {
  const safe = value.replace(/\/\/[^/?#\s]*@/, '//***@').replace(/\?.*$/s, '?…')
  return JSON.stringify(safe.length > 80 ? `${safe.slice(0, 80)}…` : safe)
}

function pick<T>(env: Env, name: string, schema: v.GenericSchema<string, T>, secret = false): T | undefined {
  const raw = env[name]
  if (raw === undefined || raw === '') return undefined
  const parsed = v.safeParse(schema, raw)
  if (parsed.success) return parsed.output
  const reason = parsed.issues[0]?.message ?? 'is invalid'
  throw new ConfigError(name, secret ? reason : `${reason} (got ${shown(raw)})`)
}

const HttpUrl = (what: string) =>
  v.pipe(
    v.string(),
    v.check((s) => URL.canParse(s), `must be an absolute URL such as ${what}`),
    v.transform((s) => new URL(s)),
    v.check((u) => u.protocol === 'http:' || u.protocol === 'https:', 'must start with http:// or https://'),
    v.check(
      (u) => !u.search && !u.hash && !u.username && !u.password,
      'must not carry a query, fragment or credentials',
    ),
    v.transform((u) => `${u.origin}${u.pathname}`.replace(/\/+$/, '')),
  )

const Port = v.pipe(
  v.string(),
  v.regex(/^\d{1,5}$/, 'must be an integer from 0 to 65535'),
  v.transform(Number),
  v.maxValue(65535, 'must be an integer from 0 to 65535'),
)

const Flag = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.check(
    (s) => /^(true|false|yes|no|on|off|[0-9])$/.test(s),
    'must be true, false or the number of proxies in front (1-9)',
  ),
  v.transform((s) => (/^(true|yes|on)$/.test(s) ? 1 : /^(false|no|off)$/.test(s) ? 0 : Number(s))),
)

const RateLimit = v.pipe(
  v.string(),
  v.trim(),
  v.check(
    (s) => s === 'off' || /^[1-9]\d{0,5}$/.test(s),
    'must be a positive number of checkouts per minute or "off"',
  ),
  v.transform((s) => (s === 'off' ? null : Number(s))),
)

const Level = v.picklist(
  ['debug', 'info', 'warn', 'error', 'silent'],
  'must be debug, info, warn, error or silent',
)

const DatabaseUrl = v.pipe(
  v.string(),
  v.check(
    (s) => /^sqlite:.+/.test(s) || /^postgres(ql)?:\/\/.+/.test(s),
    'must be sqlite:PATH, sqlite::memory: or postgres://user:password@host/database',
  ),
)

const Mode = v.picklist(['live', 'sandbox'], 'must be live or sandbox')

/** `whsec_` + base64 of 24–64 random bytes (Standard Webhooks), several space-separated. */
const WebhookSecrets = v.pipe(
  v.string(),
  v.transform((s) => s.trim().split(/\s+/)),
  v.check(
    (list) =>
      list.every((value) => {
        const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(value)
        const bytes = match?.[1] ? Buffer.from(match[1], 'base64').length : 0
        return bytes >= 24 && bytes <= 64
      }),
    'must be whsec_ followed by the base64 of 24 to 64 random bytes, several separated by spaces during a rotation (make one with: portmanat-checkout webhook-secret)',
  ),
)

/** Why the setup looks like production (a reason to refuse a sandbox nobody asked for), or null. */
function productionSign(env: Env, publicUrl: string, host: string): string | null {
  if (publicUrl.startsWith('https:')) return `PUBLIC_URL is https (${publicUrl})`
  if (!LOOPBACK_HOSTS.has(host)) return `HOST is ${host}, reachable from other machines`
  if (env.NODE_ENV === 'production') return 'NODE_ENV is production'
  return null
}

const ServiceId = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the service ID from the partner panel'),
)

const SecretValue = (min: number, example: string) =>
  v.pipe(
    v.string(),
    v.check((s) => s.trim() === s, 'has spaces at the start or end (check the .env file)'),
    v.minLength(min, `must be at least ${min} characters (${example})`),
  )

const Origins = v.pipe(
  v.string(),
  v.transform((s) =>
    s
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  ),
  v.check(
    (list) => !list.includes('*'),
    'cannot be "*": return URLs on any origin would make an open redirect',
  ),
  v.check(
    (list) =>
      list.every(
        (o) =>
          URL.canParse(o) &&
          /^https?:$/.test(new URL(o).protocol) &&
          new URL(o).origin === o.replace(/\/$/, ''),
      ),
    'must be comma-separated origins such as https://shop.example.az (scheme, host and port only)',
  ),
  v.transform((list) => list.map((o) => new URL(o).origin)),
)

function loadCatalog(file: string, cwd: string): Catalog {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(resolve(cwd, file), 'utf8'))
  } catch (error) {
    const why = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read'
    throw new ConfigError('CATALOG', `${why} (file ${shown(file)})`)
  }
  const parsed = parseCatalog(json)
  if (!parsed.ok)
    throw new ConfigError('CATALOG', `has an invalid entry: ${parsed.message} (file ${shown(file)})`)
  return parsed.catalog
}

function sandboxStateFile(databaseUrl: string, cwd: string): string | null {
  if (databaseUrl === 'sqlite::memory:') return null
  const path = databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : './data/payments.db'
  return join(dirname(resolve(cwd, path)), 'sandbox.json')
}

/**
 * Validates the environment into a {@link Config}. Throws a {@link ConfigError} naming the first
 * bad variable; the message never contains a secret.
 *
 * @example loadConfig({ PORT: '8080' }) // sandbox mode on http://127.0.0.1:8080
 */
export function loadConfig(
  env: Env = readEnvironment(),
  { cwd = process.cwd() }: { cwd?: string } = {},
): Config {
  const serviceId = pick(env, 'PORTMANAT_SERVICE_ID', ServiceId)
  const secret = pick(env, 'PORTMANAT_SECRET_KEY', SecretValue(8, 'copy it from the partner panel'), true)
  const said = pick(env, 'PORTMANAT_MODE', Mode)
  const hasCredentials = serviceId !== undefined || secret !== undefined
  if (said === 'live' || (said === undefined && hasCredentials)) {
    if (serviceId === undefined || secret === undefined) {
      const missing = serviceId === undefined ? 'PORTMANAT_SERVICE_ID' : 'PORTMANAT_SECRET_KEY'
      throw new ConfigError(
        missing,
        said === 'live'
          ? 'is missing: live mode needs both PORTMANAT_SERVICE_ID and PORTMANAT_SECRET_KEY from the partner panel'
          : 'is missing: set both PORTMANAT_SERVICE_ID and PORTMANAT_SECRET_KEY for live mode, or PORTMANAT_MODE=sandbox',
      )
    }
  }
  const mode = said ?? (hasCredentials ? 'live' : 'sandbox')

  const port = pick(env, 'PORT', Port) ?? 8787
  const host =
    pick(
      env,
      'HOST',
      v.pipe(v.string(), v.regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or IP address')),
    ) ?? '127.0.0.1'
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
  const publicUrl = pick(env, 'PUBLIC_URL', HttpUrl('https://pay.example.az')) ?? `http://${urlHost}:${port}`
  const publicHost = new URL(publicUrl).hostname
  // Sandbox mode lets anyone settle payments through /sandbox/_sandbox: it is never entered by
  // default where the server could be taking real orders.
  if (said === undefined && mode === 'sandbox') {
    const production = productionSign(env, publicUrl, host)
    if (production) {
      throw new ConfigError(
        'PORTMANAT_MODE',
        `is not set and there are no PORTMANAT_SERVICE_ID / PORTMANAT_SECRET_KEY, but ${production}: set both credentials for live mode, or PORTMANAT_MODE=sandbox to run the sandbox here on purpose`,
      )
    }
  }
  if (mode === 'live' && !publicUrl.startsWith('https:') && !LOOPBACK.has(publicHost)) {
    throw new ConfigError(
      'PUBLIC_URL',
      `must use https:// in live mode: the PSP sends buyers to ${publicUrl}/api/callback and card payments must not travel over plain http`,
    )
  }

  const databaseUrl = pick(env, 'DATABASE_URL', DatabaseUrl) ?? 'sqlite:./data/payments.db'
  const pspUrl =
    pick(env, 'PORTMANAT_PSP_URL', HttpUrl('https://psp.mps.az')) ??
    (mode === 'sandbox' ? `${publicUrl}/sandbox` : 'https://psp.mps.az')
  if (mode === 'live' && !pspUrl.startsWith('https:') && !LOOPBACK.has(new URL(pspUrl).hostname)) {
    throw new ConfigError(
      'PORTMANAT_PSP_URL',
      'must use https:// in live mode: over plain http anyone on the way could answer /check with "paid"',
    )
  }
  const catalogFile = pick(env, 'CATALOG', v.string())
  const catalog = catalogFile ? loadCatalog(catalogFile, cwd) : mode === 'sandbox' ? DEMO_CATALOG : new Map()

  const extraOrigins = pick(env, 'ALLOWED_ORIGINS', Origins) ?? []
  const allowedOrigins = [...new Set([...ownOrigins(publicUrl), ...extraOrigins])]

  const webhookUrl = pick(env, 'WEBHOOK_URL', HttpUrl('https://shop.example.az/hooks/portmanat'))
  const webhookSecret = pick(env, 'WEBHOOK_SECRET', WebhookSecrets, true)
  if ((webhookUrl === undefined) !== (webhookSecret === undefined)) {
    const missing = webhookUrl === undefined ? 'WEBHOOK_URL' : 'WEBHOOK_SECRET'
    throw new ConfigError(missing, 'is missing: webhooks need both WEBHOOK_URL and WEBHOOK_SECRET')
  }
  const merchantApiKey = pick(env, 'MERCHANT_API_KEY', SecretValue(24, 'e.g. openssl rand -hex 32'), true)
  const dashboardPassword = pick(
    env,
    'DASHBOARD_PASSWORD',
    SecretValue(12, 'a passphrase of several words is easiest to type'),
    true,
  )

  return {
    mode,
    modeSaid: said !== undefined,
    // Sandbox mode signs for the emulator's demo service, whatever credentials are around.
    serviceId: mode === 'live' && serviceId ? serviceId : DEMO_SERVICE.service_id,
    secretKey: new Secret(mode === 'live' && secret ? secret : DEMO_SERVICE.secret),
    pspUrl,
    port,
    host,
    publicUrl,
    databaseUrl,
    catalog,
    allowedOrigins,
    trustProxy: pick(env, 'TRUST_PROXY', Flag) ?? 0,
    rateLimit:
      env.RATE_LIMIT === undefined || env.RATE_LIMIT === ''
        ? 20
        : (pick(env, 'RATE_LIMIT', RateLimit) ?? null),
    logLevel: pick(env, 'LOG_LEVEL', Level) ?? 'info',
    merchantApiKey: merchantApiKey ? new Secret(merchantApiKey) : null,
    webhook:
      webhookUrl && webhookSecret
        ? { url: webhookUrl, secrets: webhookSecret.map((value) => new Secret(value)) }
        : null,
    dashboardPassword: dashboardPassword ? new Secret(dashboardPassword) : null,
    notices: noticeConfig(env),
    sandboxStateFile: mode === 'sandbox' ? sandboxStateFile(databaseUrl, cwd) : null,
  }
}
