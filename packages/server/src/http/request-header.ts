/**
 * A request header read from Node's own `IncomingMessage` when the server runs on Node: Hono's
 * `c.req.header()` first turns every header of the request into a web `Headers` object (one
 * `append` each, with validation), a cost a hot route pays for nothing. Elsewhere (`app.request()`
 * in tests) it is `c.req.header()`.
 */
import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'

const incomingOf = (c: Context): IncomingMessage | undefined => {
  const env: unknown = c.env
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined
  const { incoming } = env as { incoming: unknown }
  return typeof incoming === 'object' && incoming !== null && 'headers' in incoming
    ? (incoming as IncomingMessage)
    : undefined
}

/** The value of header `name` (lower case), or undefined; repeated ones joined as Node joins them. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = incomingOf(c)
  if (!incoming) return c.req.header(name)
  const value = incoming.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}
