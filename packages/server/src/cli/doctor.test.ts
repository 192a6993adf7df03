import { describe, expect, it } from 'vitest'
import { engines, freshLedger, newOrder } from '../store/test-engines.ts'
import { freePort, startServer, workFolder } from '../testing/server-process.ts'
import { runChild, runHere } from './test-cli.ts'
import { TEST_WEBHOOK_SECRET } from './test-harness-cli.ts'

const persistent = engines.filter((engine) => engine.persistent)
const sqliteFile = persistent.find((engine) => engine.dialect === 'sqlite')
if (!sqliteFile) throw new Error('the SQLite file engine is missing')
const SECRET = 'live-secret-that-must-never-print'

/** `doctor --json`'s checks by name. */
type Check = { check: string; status: string; message: string }
const byCheck = (stdout: string) => {
  const report = JSON.parse(stdout) as { ok: boolean; checks: Check[] }
  const named = new Map(report.checks.map((check) => [check.check, check]))
  return {
    ok: report.ok,
    check: (name: string): Check => named.get(name) ?? { check: name, status: 'missing', message: '' },
  }
}

/** A `/healthz` of a sandbox server at `PUBLIC_URL`, without a server. */
const healthySandbox = async () => Response.json({ status: 'ok', livemode: false })

describe.each(persistent)('doctor on $name', (engine) => {
  it('against a running sandbox server: every line ok, exit 0', async () => {
    const cwd = workFolder()
    const port = await freePort()
    const { url: databaseUrl } = await freshLedger(engine)
    const env = { PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }
    const server = startServer(env, cwd)
    expect(await server.healthy(`http://127.0.0.1:${port}`)).toBe(true)

    const { code, stdout, stderr } = await runChild(['doctor'], { env, cwd })
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    const lines = stdout.trimEnd().split('\n')
    expect(lines.map((line) => line.slice(0, 6))).toEqual([...Array(10).fill('ok    '), 'All 10'])
    expect(lines[0]).toMatch(
      /^ok {4}mode: sandbox \(no credentials set, and nothing looks like production\): no real money moves/,
    )
    expect(lines[2]).toMatch(
      /^ok {4}PSP: the sandbox \(in this process\) answered a made-up psp_rrn with BAD 20 \(RRN is wrong\) in \d+ ms/,
    )
    expect(lines[3]).toMatch(
      new RegExp(
        `^ok {4}callback URL: http://127\\.0\\.0\\.1:${port}/api/callback: this server answers there`,
      ),
    )
    expect(lines[4]).toMatch(
      engine.dialect === 'sqlite'
        ? /^ok {4}database: sqlite:\/\S+ \(SQLite, \/\S+\) opens; all \d+ migrations applied$/
        : /^ok {4}database: postgres:\/\/portmanat:\*\*\*@127\.0\.0\.1:5432\/\S+ \(PostgreSQL\) opens; all \d+ migrations applied$/,
    )
    expect(lines[5]).toBe('ok    outbox: 0 pending, 0 dead')
    expect(stdout).not.toContain(':portmanat@')

    const json = await runChild(['doctor', '--json'], { env, cwd })
    expect(json.code).toBe(0)
    const report = byCheck(json.stdout)
    expect(report.ok).toBe(true)
    expect([report.check('PSP').status, report.check('database').status]).toEqual(['ok', 'ok'])
    server.child.kill('SIGTERM')
    expect(await server.exit()).toBe(0)
  }, 60_000)

  it('live, with an unreachable PSP and a callback URL only this machine reaches: says what to fix, exit 1', async () => {
    const ledger = await freshLedger(engine)
    await ledger.open()
    const closed = await freePort()
    const env = {
      PORTMANAT_SERVICE_ID: '123456',
      PORTMANAT_SECRET_KEY: SECRET,
      PORTMANAT_PSP_URL: `http://127.0.0.1:${closed}`,
      PUBLIC_URL: 'http://127.0.0.1:8787',
      DATABASE_URL: ledger.url,
    }
    const { code, stdout, stderr } = await runChild(['doctor'], { env })
    expect(code).toBe(1)
    expect(stdout + stderr).not.toContain(SECRET)
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toBe(
      'ok    mode: live (both credentials are set; PORTMANAT_MODE=live would say it on purpose)',
    )
    expect(lines[1]).toBe(
      'ok    credentials: PORTMANAT_SERVICE_ID 123456 and PORTMANAT_SECRET_KEY are set (the key is never shown)',
    )
    expect(lines[2]).toMatch(
      new RegExp(
        `^FAIL  PSP: http://127\\.0\\.0\\.1:${closed}/check gave no usable answer after \\d+ ms \\(network error: .*ECONNREFUSED.*\\): check PORTMANAT_PSP_URL`,
      ),
    )
    expect(lines[3]).toBe(
      "FAIL  callback URL: http://127.0.0.1:8787/api/callback is on this machine only: the PSP sends buyers' browsers there after paying; set PUBLIC_URL to this server's public https address",
    )
    expect(lines[4]).toMatch(/^ok {4}database: /)
    expect(lines.at(-1)).toBe('2 of 10 checks need fixing.')
  }, 30_000)

  it('a database without the ledger, and the outbox: what to fix', async () => {
    const ledger = await freshLedger(engine)
    if (engine.dialect === 'sqlite') {
      // An empty file where the database should be.
      const store = await ledger.open({ migrate: false })
      await store.ping()
    }
    const env = { PORTMANAT_MODE: 'sandbox', DATABASE_URL: ledger.url, LOG_LEVEL: 'warn' }
    const { code, stdout } = await runHere(['doctor', '--json'], { env, fetch: healthySandbox })
    expect(code).toBe(1)
    const checks = byCheck(stdout)
    expect(checks.check('database').status).toBe('fail')
    expect(checks.check('database').message).toMatch(
      /has no ledger yet \(no migration applied\): start the server once to create it/,
    )
    expect(checks.check('outbox')).toEqual({
      check: 'outbox',
      status: 'skip',
      message: 'not checked: the database is not usable',
    })
  })

  it('dead and overdue messages, and a webhook whose last try failed, are things to fix', async () => {
    const ledger = await freshLedger(engine)
    const store = await ledger.open()
    const order = newOrder()
    const long = new Date(Date.now() - 3_600_000)
    await store.insertOrder(order, long)
    await store.transition(order.client_rrn, { from: ['created'], to: 'paid' }, long, {
      messages: (updated) =>
        ['msg_a', 'msg_b'].map((id) => ({
          id,
          event_id: 'evt_1',
          channel: 'webhook' as const,
          type: 'order.paid' as const,
          client_rrn: updated.client_rrn,
          payload: '{}',
        })),
    })
    await store.recordDelivery(
      'msg_a',
      {
        duration_ms: 5,
        ok: false,
        status_code: 500,
        error: 'HTTP 500',
        status: 'dead',
        next_attempt_at: null,
      },
      long,
    )
    const env = {
      PORTMANAT_MODE: 'sandbox',
      DATABASE_URL: ledger.url,
      WEBHOOK_URL: 'https://shop.example.az/hooks',
      WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    }
    const { code, stdout } = await runHere(['doctor', '--json'], { env, fetch: healthySandbox })
    expect(code).toBe(1)
    const checks = byCheck(stdout)
    expect(checks.check('outbox').message).toMatch(
      /^1 pending \(1 due, the oldest since \S+, 1 h ago\), 1 dead: events list --dead shows them/,
    )
    expect(checks.check('webhook').status).toBe('ok')
    await store.recordDelivery(
      'msg_a',
      { duration_ms: 5, ok: true, status_code: 200, error: null, status: 'delivered', next_attempt_at: null },
      new Date(),
    )
    const overdue = byCheck((await runHere(['doctor', '--json'], { env, fetch: healthySandbox })).stdout)
    expect(overdue.check('outbox').message).toMatch(
      /^1 pending .*, 0 dead: nothing is sending them; is the server running\?/,
    )
  })
})

describe('doctor: what the configuration alone decides', () => {
  it('a bad variable is the one failing line, exit 1', async () => {
    const { code, stdout } = await runHere(['doctor'], { env: { PORTMANAT_MODE: 'test' } })
    expect(code).toBe(1)
    expect(stdout).toBe(
      'FAIL  configuration: Invalid configuration: PORTMANAT_MODE must be live or sandbox (got "test")\n1 of 1 checks need fixing.\n',
    )
  })

  it('a PSP that says a made-up payment exists is not the PSP', async () => {
    const ledger = await freshLedger(sqliteFile)
    await ledger.open()
    const psp = {
      check: async () => ({ kind: 'pending' as const, code: 1 as const, description: 'Pending' }),
    }
    const { code, stdout } = await runHere(['doctor', '--json'], {
      env: { PORTMANAT_MODE: 'sandbox', DATABASE_URL: ledger.url },
      psp: () => psp,
      fetch: healthySandbox,
    })
    expect(code).toBe(1)
    expect(byCheck(stdout).check('PSP').message).toMatch(
      /answered code 1 about a psp_rrn that does not exist \(in \d+ ms\): is PORTMANAT_PSP_URL the PSP\?$/,
    )
  })

  it('another server at PUBLIC_URL (another mode, or not ours at all)', async () => {
    const ledger = await freshLedger(sqliteFile)
    await ledger.open()
    const env = { PORTMANAT_MODE: 'sandbox', DATABASE_URL: ledger.url }
    const live = byCheck(
      (await runHere(['doctor', '--json'], { env, fetch: async () => Response.json({ livemode: true }) }))
        .stdout,
    )
    expect(live.check('callback URL').message).toContain(
      'the server answering there runs in live mode, this configuration in sandbox mode',
    )
    const other = byCheck(
      (
        await runHere(['doctor', '--json'], {
          env,
          fetch: async () => new Response('<html>', { status: 404 }),
        })
      ).stdout,
    )
    expect(other.check('callback URL').message).toContain(
      'GET http://127.0.0.1:8787/healthz answered HTTP 404, not this server',
    )
  })
})
