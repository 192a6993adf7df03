/** `doctor`: is this server set up to take payments? One line per check: `ok`, or what to fix. */

import type { Config } from '../config.ts'
import { ConfigError } from '../config-error.ts'
import type { Store } from '../store/types.ts'
import { parseCommand } from './args.ts'
import type { Command } from './command.ts'
import {
  type CheckResult,
  callbackCheck,
  channelChecks,
  credentialsCheck,
  databaseCheck,
  modeCheck,
  outboxCheck,
  pspCheck,
} from './doctor-checks.ts'
import { EXIT, writeJson, writeLines } from './io.ts'

const LABEL = { ok: 'ok', fail: 'FAIL', skip: 'skip' } as const

export const doctor: Command = {
  name: 'doctor',
  summary: 'check the setup: mode, credentials, PSP, callback URL, database, outbox, notices',
  usage: '[--json]',
  help: `Checks this server's setup, with the configuration the server reads (the environment and
.env in the working folder), and prints one line per check: ok, or FAIL and what to fix.

  mode          live or sandbox, and why (PORTMANAT_MODE, or the credentials)
  credentials   present in live mode (the secret key is never printed)
  PSP           asks /check about a made-up psp_rrn and times it: BAD 10 or 20 means the PSP
                is reachable and speaks the protocol (in sandbox mode the sandbox in this process)
  callback URL  {PUBLIC_URL}/api/callback: not a loopback address in live mode (where it must be
                https), and this server answering GET {PUBLIC_URL}/healthz, from this machine,
                in the same mode (the server must be running)
  database      opens, is migrated to this version, which engine (the password is hidden)
  outbox        pending messages and the oldest due; dead ones
  webhook, telegram, e-mail, dashboard
                configured or off; a channel whose last try failed is something to fix

Nothing is changed: no order, no payment, no message.

  --json   {"ok", "checks": [{"check", "status": "ok"|"fail"|"skip", "message"}]} on stdout

Exit code 0 when every check is ok, 1 otherwise.`,

  async run(argv, context) {
    const { values } = parseCommand(argv, { json: { type: 'boolean' } })
    const results: CheckResult[] = []
    let config: Config | undefined
    try {
      config = context.config()
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      results.push({ check: 'configuration', status: 'fail', message: error.message })
    }

    if (config) {
      results.push(modeCheck(config), credentialsCheck(config))
      const inProcess = config.mode === 'sandbox' && config.pspUrl === `${config.publicUrl}/sandbox`
      results.push(await pspCheck(config, context.psp(), inProcess && !context.io.psp))
      results.push(await callbackCheck(config, context.io.fetch ?? globalThis.fetch))
      const database = await databaseCheck(config, context.io.cwd)
      results.push(database.result)
      let store: Store | undefined
      if (database.usable) {
        store = await context.store(database.usable)
        results.push(await outboxCheck(store, context.clock()))
      } else {
        results.push({ check: 'outbox', status: 'skip', message: 'not checked: the database is not usable' })
      }
      results.push(...(await channelChecks(config, store)))
    }

    const failed = results.filter((result) => result.status === 'fail').length
    if (values.json) {
      await writeJson(context.io.stdout, { ok: failed === 0, checks: results })
    } else {
      await writeLines(context.io.stdout, [
        ...results.map((result) => `${LABEL[result.status].padEnd(5)} ${result.check}: ${result.message}`),
        failed === 0
          ? `All ${results.length} checks ok.`
          : `${failed} of ${results.length} checks need fixing.`,
      ])
    }
    return failed === 0 ? EXIT.ok : EXIT.failure
  },
}
