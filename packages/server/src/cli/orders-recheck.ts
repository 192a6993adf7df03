/**
 * `orders recheck <client_rrn>`: asks the PSP's `/check` now about every payment reference of the
 * order that may still change it, through `recheckOrder` (the dashboard's Recheck): the same trust
 * rules, the same compare-and-set, the same outbox messages as a callback.
 */
import { type RecheckedAttempt, recheckOrder } from '../payments/recheck-order.ts'
import { parseCommand } from './args.ts'
import type { Command } from './command.ts'
import { clean, count } from './format.ts'
import { EXIT, writeJson, writeLines } from './io.ts'
import { statusText } from './orders-list.ts'
import { findOrder } from './orders-show.ts'
import { messageView, orderView } from './views.ts'

/** What one answer meant, in words. */
function meaning({ verdict, outcome }: RecheckedAttempt): string {
  switch (verdict) {
    case 'ours':
      return `this order's payment: ${outcome ?? 'answered'}`
    case 'foreign':
      return `not this order's payment (${outcome ?? 'foreign'}): the order is not changed`
    case 'unattributed':
      return 'an answer that names no order: the order is not changed'
    case 'rejected':
      return 'the PSP does not know this reference'
    default:
      return 'no answer: the PSP could not be asked (the log line above says why; try doctor)'
  }
}

export const ordersRecheck: Command = {
  name: 'orders recheck',
  summary: "ask the PSP's /check about an order now",
  usage: '<client_rrn> [--json]',
  help: `Asks the PSP's /check now about each payment reference of the order that is still open,
pending, or that the follow-up job stopped asking about, and applies each answer exactly as a
callback would (paid only when /check says so for this order's own client_rrn and amount).
References with a final answer, or that are not this order's, are not asked again.

In sandbox mode the sandbox answers in this process, from the server's sandbox state file
(sandbox.json beside the SQLite file), so a payment made on a running sandbox server is found.
Messages a change writes (webhook, Telegram, e-mail) are sent by the running server's outbox.

  --json   {"order", "was", "asked": [{"psp_rrn", "verdict", "outcome"}], "skipped", "messages"}

Exit code 0 when the PSP answered about every reference asked (or there was nothing to ask),
1 when it could not be asked about one of them, or there is no such order.`,

  async run(argv, context) {
    const { values, positionals } = parseCommand(argv, { json: { type: 'boolean' } }, { min: 1, max: 1 })
    const services = await context.services()
    const order = await findOrder(services.store, positionals[0] ?? '')
    const before = new Set((await services.store.messages(order.client_rrn)).map((message) => message.id))
    const result = await recheckOrder(services, order)
    const written = (await services.store.messages(order.client_rrn)).filter(
      (message) => !before.has(message.id),
    )
    const unanswered = result.asked.filter((entry) => entry.verdict === 'unknown').length
    const code = unanswered > 0 ? EXIT.failure : EXIT.ok

    if (values.json) {
      await writeJson(context.io.stdout, {
        order: orderView(result.order),
        was: order.status,
        asked: result.asked,
        skipped: result.skipped,
        messages: written.map((message) => messageView(message)),
      })
      return code
    }

    const change =
      result.order.status === order.status
        ? `${statusText(result.order)} (unchanged)`
        : `${statusText(order)} → ${statusText(result.order)}`
    const lines = [`Order ${order.client_rrn}: ${change}`]
    if (result.asked.length === 0) {
      lines.push(
        result.skipped === 0
          ? 'Nothing to ask: no callback has brought a payment reference for this order yet (the buyer has not come back from the PSP).'
          : `Nothing to ask: each of its payment references (${result.skipped}) has a final answer, or is not this order's.`,
      )
    } else {
      lines.push(`Asked /check about ${count(result.asked.length, 'payment reference')}:`)
      for (const entry of result.asked) lines.push(`  ${clean(entry.psp_rrn, 60)}  ${meaning(entry)}`)
      if (result.skipped > 0) {
        lines.push(
          `${count(result.skipped, 'other reference')} not asked: final answers, or not this order's.`,
        )
      }
    }
    if (written.length > 0) {
      const what = written.map((message) => `${message.channel} ${message.type}`).join(', ')
      lines.push(
        `Queued ${count(written.length, 'message')} (${what}): a running server sends it within a second; if none runs, as soon as one starts.`,
      )
    }
    await writeLines(context.io.stdout, lines)
    return code
  },
}
