/** `events list`: the outbox's messages (webhook, Telegram, e-mail), newest first. */
import type { MessageStatus } from '../store/types.ts'
import { channel, limit, parseCommand } from './args.ts'
import type { Command } from './command.ts'
import { clean, table, time } from './format.ts'
import { EXIT, UsageError, write, writeJson, writeLines } from './io.ts'
import { messageView } from './views.ts'

const STATUSES: readonly MessageStatus[] = ['pending', 'delivered', 'dead']
const DEFAULT_LIMIT = 20
/** The store's largest page: more is what `--channel` and `--status` are for. */
const MAX_LIMIT = 500

const OPTIONS = {
  dead: { type: 'boolean' },
  status: { type: 'string' },
  channel: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const

function messageStatus(values: { dead?: boolean; status?: string }): MessageStatus | undefined {
  if (values.dead && values.status !== undefined && values.status !== 'dead') {
    throw new UsageError('--dead is --status dead: give one or the other')
  }
  if (values.dead) return 'dead'
  if (values.status === undefined) return undefined
  if (!(STATUSES as readonly string[]).includes(values.status)) {
    throw new UsageError(`--status takes ${STATUSES.join(', ')}, not "${values.status}"`)
  }
  return values.status as MessageStatus
}

export const eventsList: Command = {
  name: 'events list',
  summary: 'the outbox: messages to your webhook, Telegram and e-mail',
  usage: '[--dead | --status S] [--channel C] [--limit N] [--json]',
  help: `Lists the outbox's messages, newest first: each event of an order (order.paid, …) once per
channel, with its state, the tries so far, the last error and when it is tried next.
A message is retried with backoff for about three days, then it is dead: fix the receiver,
then portmanat-checkout events replay <id>.

  --dead            only dead messages (the same as --status dead)
  --status S        pending, delivered or dead
  --channel C       webhook, telegram or email
  --limit N         at most N messages (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})
  --json            a JSON array of messages on stdout (the payload left out: orders show has it)`,

  async run(argv, context) {
    const { values } = parseCommand(argv, OPTIONS)
    const status = messageStatus(values)
    const only = values.channel === undefined ? undefined : channel(values.channel)
    const wanted = limit(values.limit, DEFAULT_LIMIT, MAX_LIMIT)
    const store = await context.store()
    const messages = await store.listMessages({
      ...(status ? { status } : {}),
      ...(only ? { channel: only } : {}),
      limit: wanted,
    })

    if (values.json) {
      await writeJson(
        context.io.stdout,
        messages.map((message) => messageView(message)),
      )
      return EXIT.ok
    }
    if (messages.length === 0) {
      await write(context.io.stderr, `No ${status ?? ''}${status ? ' ' : ''}messages.\n`)
      return EXIT.ok
    }
    const rows = messages.map((message) => [
      message.id,
      message.event_id,
      message.channel,
      message.type,
      message.client_rrn,
      message.status,
      String(message.attempts),
      clean(message.last_error, 40),
      time(message.next_attempt_at),
    ])
    await writeLines(
      context.io.stdout,
      table(
        ['id', 'event_id', 'channel', 'type', 'client_rrn', 'status', 'tries', 'last_error', 'next_try'],
        rows,
        ['left', 'left', 'left', 'left', 'left', 'left', 'right'],
      ),
    )
    if (messages.length === wanted) {
      await write(context.io.stderr, `The newest ${wanted} shown; there may be more (--limit N).\n`)
    }
    return EXIT.ok
  },
}
