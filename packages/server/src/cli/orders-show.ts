/** `orders show <client_rrn>`: one order, its history, its payment attempts and its outbox messages. */
import { toCanonical } from '@portmanat-checkout/shared'
import type { Delivery, Order, OutboxMessage, Store } from '../store/types.ts'
import { parseCommand } from './args.ts'
import type { Command } from './command.ts'
import { clean, count, relative, table, time } from './format.ts'
import { CliError, EXIT, writeJson, writeLines } from './io.ts'
import { statusText } from './orders-list.ts'
import { attemptView, deliveryView, eventView, messageView, orderView } from './views.ts'

/** The order a command names, or a {@link CliError} that says how to find it. */
export async function findOrder(store: Store, clientRrn: string): Promise<Order> {
  const order = await store.getOrder(clientRrn)
  if (!order) {
    throw new CliError(
      `no order has client_rrn ${clean(clientRrn, 60)} (orders list --search TEXT finds one by a psp_rrn or your reference)`,
    )
  }
  return order
}

const mode = (order: Order) =>
  order.livemode === null ? '' : order.livemode ? ' (live)' : ' (sandbox test: no money moved)'

function orderLines(order: Order): string[] {
  const item = order.item_id ? `${order.item_id} × ${order.quantity}` : null
  const fields: [string, string | null][] = [
    ['status', statusText(order)],
    ['amount', `${toCanonical(order.qepik)} AZN`],
    ['title', order.title],
    ['description', order.description],
    ['item', item],
    ['reference', order.reference],
    ['psp_rrn', order.psp_rrn],
    ['bank_rrn', order.bank_rrn],
    ['client_ip', order.client_ip],
    ['return_url', order.return_url],
    ['created_at', time(order.created_at)],
    ['updated_at', time(order.updated_at)],
  ]
  return [
    `Order ${order.client_rrn}${mode(order)}`,
    ...fields.map(([name, value]) => `  ${name.padEnd(13)}${clean(value, 200)}`),
  ]
}

function messageLines(message: OutboxMessage, deliveries: Delivery[], now: Date): string[] {
  const state =
    message.status === 'pending' && message.next_attempt_at
      ? `pending, next try ${time(message.next_attempt_at)} (${relative(message.next_attempt_at, now)})`
      : message.status
  const lines = [
    `  ${message.id}  ${message.channel}  ${message.type}  ${state}  ${count(message.attempts, 'try', 'tries')}  event ${message.event_id}`,
  ]
  for (const delivery of deliveries) {
    const code = delivery.status_code === null ? '' : `  ${delivery.status_code}`
    const error = delivery.error ? `  ${clean(delivery.error, 120)}` : ''
    lines.push(
      `    try ${delivery.attempt}  ${time(delivery.at)}  ${delivery.ok ? 'ok' : 'failed'}${code}  ${Math.round(delivery.duration_ms)} ms${error}`,
    )
  }
  return lines
}

export const ordersShow: Command = {
  name: 'orders show',
  summary: 'one order: its history, payment attempts and deliveries',
  usage: '<client_rrn> [--json]',
  help: `Shows one order: its fields, its history of state changes (with what caused each), the
payment references callbacks brought for it and what /check said of each, and every message
about it in the outbox (webhook, Telegram, e-mail) with each try at delivering it.

  --json   {"order", "events", "attempts", "messages": [{…, "payload", "deliveries"}]} on stdout

Exit code 1 when there is no such order.`,

  async run(argv, context) {
    const { values, positionals } = parseCommand(argv, { json: { type: 'boolean' } }, { min: 1, max: 1 })
    const store = await context.store()
    const order = await findOrder(store, positionals[0] ?? '')
    const [events, attempts, messages] = await Promise.all([
      store.events(order.client_rrn),
      store.attempts(order.client_rrn),
      store.messages(order.client_rrn),
    ])
    const deliveries = await Promise.all(messages.map((message) => store.deliveries(message.id)))

    if (values.json) {
      await writeJson(context.io.stdout, {
        order: orderView(order),
        events: events.map(eventView),
        attempts: attempts.map(attemptView),
        messages: messages.map((message, i) => ({
          ...messageView(message, { withPayload: true }),
          deliveries: (deliveries[i] ?? []).map(deliveryView),
        })),
      })
      return EXIT.ok
    }

    const history = table(
      ['at', 'change', 'detail'],
      events.map((event) => [
        time(event.at),
        `${event.from_status ? `${event.from_status} → ` : '→ '}${event.to_status}${event.reason ? ` (${event.reason})` : ''}`,
        clean(event.detail, 100),
      ]),
    )
    const tried = table(
      ['psp_rrn', 'state', 'outcome', 'checks', 'checked_at', 'next_check_at'],
      attempts.map((attempt) => [
        clean(attempt.psp_rrn, 60),
        attempt.state,
        clean(attempt.outcome),
        String(attempt.checks),
        time(attempt.checked_at),
        time(attempt.next_check_at),
      ]),
      ['left', 'left', 'left', 'right'],
    )
    const now = context.clock()
    await writeLines(context.io.stdout, [
      ...orderLines(order),
      '',
      'History',
      ...history.map((line) => `  ${line}`),
      '',
      `Payment references (${attempts.length})`,
      ...(attempts.length ? tried.map((line) => `  ${line}`) : ['  none: no callback has brought one']),
      '',
      `Outbox messages (${messages.length})`,
      ...(messages.length
        ? messages.flatMap((message, i) => messageLines(message, deliveries[i] ?? [], now))
        : ['  none']),
    ])
    return EXIT.ok
  },
}
