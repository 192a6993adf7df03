/** `orders list`: orders newest first, as an aligned table or as JSON. */
import { toCanonical } from '@portmanat-checkout/shared'
import type { OrderCursor } from '../store/reports.ts'
import type { Order } from '../store/types.ts'
import { FILTER_HELP, FILTER_OPTIONS, limit, orderFilter, parseCommand } from './args.ts'
import type { Command } from './command.ts'
import { clean, modeMark, table, time } from './format.ts'
import { EXIT, write, writeJson, writeLines } from './io.ts'
import { orderView } from './views.ts'

const OPTIONS = { ...FILTER_OPTIONS, limit: { type: 'string' }, json: { type: 'boolean' } } as const
const DEFAULT_LIMIT = 20
const MAX_LIMIT = 10_000
/** The store's largest page. */
const PAGE = 500

/** An order's state as a column: the reason with it when there is one (`failed (declined)`). */
export const statusText = (order: Order) =>
  order.reason ? `${order.status} (${order.reason})` : order.status

export const ordersList: Command = {
  name: 'orders list',
  summary: 'orders, newest first: a table, or --json',
  usage: '[--status S[,S…]] [--since WHEN] [--until WHEN] [--search TEXT] [--limit N] [--json]',
  help: `Lists orders, newest first: reference, state, amount in manat, title, when it was created
(UTC) and whether it was live or a sandbox test.

${FILTER_HELP}
  --limit N         at most N orders (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}; orders export --csv
                    gives all of them)
  --json            a JSON array of orders on stdout, nothing else: amounts as strings
                    ("5.23"), times in ISO 8601

Examples:
  portmanat-checkout orders list --status paid --since 7d
  portmanat-checkout orders list --search INV-2026-0042 --json | jq '.[0].status'`,

  async run(argv, context) {
    const { values } = parseCommand(argv, OPTIONS)
    const filter = orderFilter(values, context.clock())
    const wanted = limit(values.limit, DEFAULT_LIMIT, MAX_LIMIT)
    const store = await context.store()
    const orders: Order[] = []
    let after: OrderCursor | undefined
    do {
      const page = await store.listOrders(filter, { limit: Math.min(PAGE, wanted - orders.length), after })
      orders.push(...page.orders)
      after = page.next
    } while (after && orders.length < wanted)

    const { stdout, stderr } = context.io
    if (values.json) {
      await writeJson(stdout, orders.map(orderView))
      return EXIT.ok
    }
    if (orders.length === 0) {
      await write(stderr, 'No orders match.\n')
      return EXIT.ok
    }
    const rows = orders.map((order) => [
      order.client_rrn,
      statusText(order),
      toCanonical(order.qepik),
      clean(order.title, 40),
      time(order.created_at),
      modeMark(order.livemode),
    ])
    await writeLines(
      stdout,
      table(['client_rrn', 'status', 'amount', 'title', 'created_at', 'mode'], rows, [
        'left',
        'left',
        'right',
      ]),
    )
    if (after) {
      await write(
        stderr,
        `The newest ${orders.length} shown; more match (--limit N for more, orders export --csv for all).\n`,
      )
    }
    return EXIT.ok
  },
}
