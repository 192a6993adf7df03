/**
 * The checks of `doctor`, each a line that says `ok` or what to fix. They look and ask, and change
 * nothing: the PSP is asked about a made-up reference, the server only for `/healthz`, the
 * database read without being created or migrated.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { DEMO_SERVICE } from '@portmanat-checkout/sandbox'
import type { Config } from '../config.ts'
import type { PspClient } from '../psp/client.ts'
import { redactDatabaseUrl } from '../store/database-url.ts'
import type { Channel, OutboxMessage, Store } from '../store/types.ts'
import { type DatabaseReport, inspectDatabase, notReady } from './database.ts'
import { clean, count, relative, time } from './format.ts'

export interface CheckResult {
  /** What was checked: `mode`, `PSP`, `database`, … */
  check: string
  status: 'ok' | 'fail' | 'skip'
  /** What was found, and for `fail` what to fix. */
  message: string
}

const ok = (check: string, message: string): CheckResult => ({ check, status: 'ok', message })
const fail = (check: string, message: string): CheckResult => ({ check, status: 'fail', message })

const why = (error: unknown) => redactDatabaseUrl(error instanceof Error ? error.message : String(error))
const ms = (since: number) => `${Math.round(performance.now() - since)} ms`

export function modeCheck(config: Config): CheckResult {
  if (config.mode === 'live') {
    return ok(
      'mode',
      config.modeSaid
        ? 'live (PORTMANAT_MODE=live)'
        : 'live (both credentials are set; PORTMANAT_MODE=live would say it on purpose)',
    )
  }
  return ok(
    'mode',
    `sandbox (${config.modeSaid ? 'PORTMANAT_MODE=sandbox' : 'no credentials set, and nothing looks like production'}): no real money moves; set PORTMANAT_SERVICE_ID and PORTMANAT_SECRET_KEY to take real payments`,
  )
}

export function credentialsCheck(config: Config): CheckResult {
  return config.mode === 'live'
    ? ok(
        'credentials',
        `PORTMANAT_SERVICE_ID ${config.serviceId} and PORTMANAT_SECRET_KEY are set (the key is never shown)`,
      )
    : ok(
        'credentials',
        `not used in sandbox mode: the sandbox's demo service ${DEMO_SERVICE.service_id} signs`,
      )
}

/**
 * Asks `/check` about a reference nobody has: a PSP that speaks the protocol answers `BAD` 10
 * (validation) or 20 (unknown RRN), which proves it reachable, and the answer changes nothing.
 */
export async function pspCheck(config: Config, psp: PspClient, inProcess: boolean): Promise<CheckResult> {
  const where = inProcess ? 'the sandbox (in this process)' : `${config.pspUrl}/check`
  const madeUp = `doctor-${randomBytes(6).toString('hex')}`
  const started = performance.now()
  const result = await psp.check(madeUp, { attempts: 1 })
  const took = ms(started)
  if (result.kind === 'rejected' && (result.code === 10 || result.code === 20)) {
    return ok(
      'PSP',
      `${where} answered a made-up psp_rrn with BAD ${result.code} (${clean(result.description, 60)}) in ${took}: reachable, and speaking the protocol`,
    )
  }
  if (result.kind === 'unreadable') {
    return fail(
      'PSP',
      `${where} gave no usable answer after ${took} (${clean(result.reason, 120)}): check PORTMANAT_PSP_URL, this machine's network, and that the partner panel lists this machine's outgoing IP address (the PSP answers /check only from it)`,
    )
  }
  const said = result.kind === 'rejected' ? `BAD ${result.code}` : `code ${result.code}`
  return fail(
    'PSP',
    `${where} answered ${said} about a psp_rrn that does not exist (in ${took}): is PORTMANAT_PSP_URL the PSP?`,
  )
}

/**
 * The callback URL the partner panel must hold: https in live mode, and this server answering at
 * `PUBLIC_URL` as seen from this machine (`GET /healthz`, with the mode it runs in).
 */
export async function callbackCheck(
  config: Config,
  fetchImpl: (input: string, init: RequestInit) => Promise<Response>,
): Promise<CheckResult> {
  const url = `${config.publicUrl}/api/callback`
  const host = new URL(config.publicUrl).hostname
  if (config.mode === 'live' && ['localhost', '127.0.0.1', '[::1]'].includes(host)) {
    return fail(
      'callback URL',
      `${url} is on this machine only: the PSP sends buyers' browsers there after paying; set PUBLIC_URL to this server's public https address`,
    )
  }
  const health = `${config.publicUrl}/healthz`
  const started = performance.now()
  let response: Response
  try {
    response = await fetchImpl(health, { signal: AbortSignal.timeout(5000), redirect: 'manual' })
  } catch (error) {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : why(error)
    return fail(
      'callback URL',
      `${url}: nothing answers at ${health} from this machine (${clean(reason, 100)}): start the server (portmanat-checkout serve) and check PUBLIC_URL and the proxy in front`,
    )
  }
  const took = ms(started)
  const body: unknown = await response.json().catch(() => undefined)
  const livemode =
    typeof body === 'object' && body !== null && 'livemode' in body && typeof body.livemode === 'boolean'
      ? body.livemode
      : undefined
  if (response.status !== 200 || livemode === undefined) {
    return fail(
      'callback URL',
      `${url}: GET ${health} answered HTTP ${response.status}${livemode === undefined ? ', not this server' : ''}: check that PUBLIC_URL leads to this server (the proxy's forwarding)`,
    )
  }
  if (livemode !== (config.mode === 'live')) {
    return fail(
      'callback URL',
      `${url}: the server answering there runs in ${livemode ? 'live' : 'sandbox'} mode, this configuration in ${config.mode} mode: is it another server, or started with another configuration?`,
    )
  }
  const panel = config.mode === 'live' ? '; it is the Callback URL of the partner panel' : ''
  return ok(
    'callback URL',
    `${url}: this server answers there (GET /healthz → 200 in ${took}, from this machine)${panel}`,
  )
}

/**
 * Whether the database opens, is this version's schema, and which engine it is. The report of a
 * usable one comes back, so that opening the store does not look again.
 */
export async function databaseCheck(
  config: Config,
  cwd: string,
): Promise<{ result: CheckResult; usable?: DatabaseReport }> {
  try {
    const report = await inspectDatabase(config.databaseUrl, cwd)
    const problem = notReady(report)
    if (problem) return { result: fail('database', problem) }
    const engine = report.engine === 'sqlite' ? `SQLite, ${report.file}` : 'PostgreSQL'
    return {
      result: ok(
        'database',
        `${report.where} (${engine}) opens; all ${report.migrations.total} migrations applied`,
      ),
      usable: report,
    }
  } catch (error) {
    return {
      result: fail(
        'database',
        `${redactDatabaseUrl(config.databaseUrl)}: ${clean(why(error), 200)}: check DATABASE_URL`,
      ),
    }
  }
}

/** A message due this long ago and not sent says no worker runs (one looks every second). */
const OVERDUE_MS = 2 * 60_000
export async function outboxCheck(store: Store, now: Date): Promise<CheckResult> {
  const [pending, dead, { due, oldest }] = await Promise.all([
    store.countMessages('pending'),
    store.countMessages('dead'),
    store.dueMessages(now),
  ])
  const oldestDue = oldest ?? undefined
  const dueText = oldestDue
    ? ` (${due} due, the oldest since ${time(oldestDue)}, ${relative(oldestDue, now)})`
    : ''
  const summary = `${pending} pending${dueText}, ${dead} dead`
  if (dead > 0) {
    return fail(
      'outbox',
      `${summary}: events list --dead shows them; fix the receiver, then events replay <id> sends one again`,
    )
  }
  if (oldestDue && now.getTime() - Date.parse(oldestDue) > OVERDUE_MS) {
    return fail(
      'outbox',
      `${summary}: nothing is sending them; is the server running? (its outbox worker sends due messages within a second)`,
    )
  }
  return ok('outbox', summary)
}

/** The newest message of a channel, if the store answers. */
async function newest(store: Store | undefined, channel: Channel): Promise<OutboxMessage | undefined> {
  return store ? (await store.listMessages({ channel, limit: 1 }))[0] : undefined
}

/** A configured channel: ok, unless its newest message's last try failed. */
function channelResult(check: string, where: string, last: OutboxMessage | undefined): CheckResult {
  if (!last) return ok(check, `${where}; nothing sent yet`)
  if (last.status === 'delivered') return ok(check, `${where}; last delivered ${time(last.delivered_at)}`)
  if (last.status === 'pending' && last.attempts === 0)
    return ok(check, `${where}; a message is waiting to go out`)
  return fail(
    check,
    `${where}; the last try failed (${clean(last.last_error ?? 'no reason recorded', 100)}, ${count(last.attempts, 'try', 'tries')}, ${last.status}): fix it, then events replay ${last.id}`,
  )
}

export async function channelChecks(config: Config, store: Store | undefined): Promise<CheckResult[]> {
  const { webhook, notices } = config
  const email = notices.email
  return [
    webhook
      ? channelResult(
          'webhook',
          `${webhook.url} (${count(webhook.secrets.length, 'secret')})`,
          await newest(store, 'webhook'),
        )
      : ok('webhook', 'off (WEBHOOK_URL and WEBHOOK_SECRET not set): no events go to a backend'),
    notices.telegram
      ? channelResult(
          'telegram',
          `chat ${notices.telegram.chatId} through ${notices.telegram.apiUrl} (the bot token is set, never shown)`,
          await newest(store, 'telegram'),
        )
      : ok('telegram', 'off (TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID not set)'),
    email
      ? channelResult(
          'e-mail',
          `${email.server}, from ${email.from.address} to ${count(email.to.length, 'recipient')}`,
          await newest(store, 'email'),
        )
      : ok('e-mail', 'off (SMTP_URL, MAIL_FROM and MAIL_TO not set)'),
    ok(
      'dashboard',
      config.dashboardPassword
        ? `on at ${config.publicUrl}/dashboard (DASHBOARD_PASSWORD is set)`
        : 'off (DASHBOARD_PASSWORD not set)',
    ),
  ]
}
