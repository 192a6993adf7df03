/**
 * The dashboard's CSV download: the one CSV writer of every export (`reports/csv.ts`: UTF-8 with a
 * BOM, CRLF, RFC 4180 quoting, formula-safe cells) as a byte stream for the response, pulled a
 * chunk at a time: a slow browser slows the reading from the store instead of filling memory.
 */
import { csvChunks } from '../reports/csv.ts'
import type { Order } from '../store/types.ts'

export function csvStream(
  orders: AsyncIterable<Order>,
  { rowsPerChunk = 200 } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const chunks = csvChunks(orders, { rowsPerChunk })
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next()
        if (next.done) controller.close()
        else controller.enqueue(encoder.encode(next.value))
      },
      async cancel() {
        await chunks.return(undefined)
      },
    },
    // Pull again only when the consumer has taken what was queued.
    { highWaterMark: 0 },
  )
}
