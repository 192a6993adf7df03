/**
 * `events replay <id>`: makes an outbox message due again now. The running server's outbox worker
 * sends it, not this process: the worker is what holds the claim that keeps several instances from
 * sending one message twice, and it sends from where the receiver expects (its network, its
 * allow-listed address). `--wait` watches for that try and reports it.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { parseCommand } from './args.ts'
import type { Command } from './command.ts'
import { clean, count, relative, time } from './format.ts'
import { CliError, EXIT, UsageError, writeLines } from './io.ts'

const OPTIONS = { wait: { type: 'boolean' }, timeout: { type: 'string' } } as const
const DEFAULT_WAIT_S = 30

function waitSeconds(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_WAIT_S
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 600) {
    throw new UsageError(`--timeout takes a number of seconds from 1 to 600, not "${raw}"`)
  }
  return Number(raw)
}

export const eventsReplay: Command = {
  name: 'events replay',
  summary: 'make a message due again (a dead one, once the receiver is fixed)',
  usage: '<id> [--wait [--timeout SECONDS]]',
  help: `Makes the outbox message <id> (msg_…, from events list or orders show) due again now, whatever
its state: a dead one after its receiver is fixed, or a delivered one to send it again (with the
same event id, so a receiver that deduplicates on webhook-id ignores the copy).

The running server sends it: its outbox worker looks for due messages every second. With no
server running, it goes out when one starts. This command does not send it itself: the worker's
claim is what keeps several servers from sending one message twice, and a receiver may only
accept the server's own address.

  --wait            wait for the server's try and say how it went
  --timeout S       how long --wait waits (default ${DEFAULT_WAIT_S} s)

Exit code 0 when the message is due again (with --wait: delivered), 1 when there is no such
message, it is being sent right now, or (with --wait) the try failed or did not come in time.`,

  async run(argv, context) {
    const { values, positionals } = parseCommand(argv, OPTIONS, { min: 1, max: 1 })
    if (values.timeout !== undefined && !values.wait) throw new UsageError('--timeout goes with --wait')
    const timeoutS = waitSeconds(values.timeout)
    const id = positionals[0] ?? ''
    const services = await context.services()
    const { store } = services
    const message = await store.getMessage(id)
    if (!message)
      throw new CliError(`no message ${clean(id, 60)} in the outbox (events list shows their ids)`)
    const now = context.clock()
    if (
      message.status === 'pending' &&
      message.locked_until &&
      Date.parse(message.locked_until) > now.getTime()
    ) {
      throw new CliError(
        `${message.id} is being sent right now (claimed until ${time(message.locked_until)}): look again in a moment (orders show ${message.client_rrn})`,
      )
    }
    const requeued = await store.requeueMessage(message.id, now)
    if (!requeued) throw new CliError(`no message ${message.id} in the outbox any more`)

    const was =
      message.status === 'delivered'
        ? 'was delivered'
        : message.status === 'dead'
          ? `was dead after ${count(message.attempts, 'try', 'tries')}${message.last_error ? ` (${clean(message.last_error, 80)})` : ''}`
          : `was pending (${count(message.attempts, 'try', 'tries')} so far)`
    const lines = [
      `${message.id}: ${message.channel} ${message.type} of order ${message.client_rrn}, ${was}; it is due again now.`,
    ]
    if (!services.routes.some((route) => route.channel === message.channel)) {
      lines.push(
        `Note: the ${message.channel} channel is not configured here, so a server with this configuration cannot send it.`,
      )
    }
    if (!values.wait) {
      lines.push(
        'A running server sends it within a second; with none running, as soon as one starts.',
        `See how it went: portmanat-checkout orders show ${message.client_rrn}`,
      )
      await writeLines(context.io.stdout, lines)
      return EXIT.ok
    }
    lines.push(`Waiting up to ${timeoutS} s for the server to send it…`)
    await writeLines(context.io.stdout, lines)

    const until = Date.now() + timeoutS * 1000
    while (Date.now() < until) {
      await sleep(250)
      const current = await store.getMessage(message.id)
      if (!current || current.attempts <= requeued.attempts) continue
      const tried = (await store.deliveries(message.id)).at(-1)
      const detail = tried
        ? `try ${tried.attempt}${tried.status_code === null ? '' : `, ${tried.status_code}`}, ${Math.round(tried.duration_ms)} ms`
        : `try ${current.attempts}`
      if (current.status === 'delivered') {
        await writeLines(context.io.stdout, [`Delivered (${detail}).`])
        return EXIT.ok
      }
      const next =
        current.status === 'pending' && current.next_attempt_at
          ? `; tried again ${relative(current.next_attempt_at, context.clock())}`
          : `; it is ${current.status}`
      await writeLines(context.io.stdout, [
        `Failed (${detail}): ${clean(current.last_error ?? 'no reason recorded', 200)}${next}.`,
      ])
      return EXIT.failure
    }
    await writeLines(context.io.stdout, [
      `No try within ${timeoutS} s: is the server running? (It stays due; the server sends it when it runs.)`,
    ])
    return EXIT.failure
  },
}
