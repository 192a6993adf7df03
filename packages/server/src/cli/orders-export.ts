/** `orders export --csv`: every order of a filter as CSV on stdout, streamed from the store. */
import { CSV_COLUMNS, csvChunks } from '../reports/csv.ts'
import { FILTER_HELP, FILTER_OPTIONS, orderFilter, parseCommand } from './args.ts'
import type { Command } from './command.ts'
import { EXIT, UsageError, write } from './io.ts'

export const ordersExport: Command = {
  name: 'orders export',
  summary: 'the orders of a filter as CSV, for the bank statement',
  usage: '--csv [--status S[,S…]] [--since WHEN] [--until WHEN] [--search TEXT]',
  help: `Writes every order the filter covers, newest first, as CSV on stdout: the same file as the
dashboard's export. UTF-8 with a byte order mark (Excel shows Azerbaijani letters right), CRLF
line ends, RFC 4180 quoting; a cell that a spreadsheet would run as a formula starts with '.
Read from the database in batches while it is written: a million orders take no more memory
than a hundred.

Columns: ${CSV_COLUMNS.join(', ')}
(amount in manat as written to the PSP: 5.23; times in UTC, ISO 8601)

  --csv             the format (the only one; say it, so a later one cannot surprise a script)
${FILTER_HELP}

Example:
  portmanat-checkout orders export --csv --status paid --since 2026-11-01 --until 2026-11-30 > november.csv`,

  async run(argv, context) {
    const { values } = parseCommand(argv, { ...FILTER_OPTIONS, csv: { type: 'boolean' } })
    if (!values.csv) throw new UsageError('say the format: --csv')
    const filter = orderFilter(values, context.clock())
    const store = await context.store()
    for await (const chunk of csvChunks(store.exportOrders(filter))) await write(context.io.stdout, chunk)
    return EXIT.ok
  },
}
