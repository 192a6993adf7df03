/**
 * Listening on a port with graceful shutdown: stop accepting, let in-flight requests finish
 * (bounded), then cut what is left.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'

export interface Listening {
  /** `http://HOST:PORT` as bound (the real port when asked for 0). */
  url: string
  port: number
  /** Stops accepting, waits up to `graceMs` for in-flight requests, then closes every socket. */
  close(graceMs?: number): Promise<void>
}

/** How long a client may take; Node's defaults hold a slow request open for five minutes. */
export interface Timeouts {
  /** The whole request, headers and body. @default 30000 */
  requestMs?: number
  /** The headers alone. @default 10000 */
  headersMs?: number
  /** An idle keep-alive connection. @default 5000 */
  keepAliveMs?: number
}

/** Starts an HTTP server for `fetch` and resolves once it listens. */
export function listen({
  fetch,
  port,
  host,
  timeouts: { requestMs = 30_000, headersMs = 10_000, keepAliveMs = 5000 } = {},
}: {
  fetch: Parameters<typeof serve>[0]['fetch']
  port: number
  host: string
  timeouts?: Timeouts
}): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const serverOptions = {
      requestTimeout: requestMs,
      headersTimeout: Math.min(headersMs, requestMs),
      keepAliveTimeout: keepAliveMs,
      // How often Node looks for requests past those limits (its default is 30 s).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(requestMs / 4))),
    }
    const server = serve({ fetch, port, hostname: host, serverOptions }, (info: AddressInfo) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        close: (graceMs = 10_000) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => {
              if ('closeAllConnections' in server) server.closeAllConnections()
            }, graceMs)
            force.unref()
            // Keep-alive sockets with no request in flight would otherwise hold close() open,
            // including those that become idle when their last response is sent.
            const sweep = setInterval(() => {
              if ('closeIdleConnections' in server) server.closeIdleConnections()
            }, 50)
            server.close(() => {
              clearTimeout(force)
              clearInterval(sweep)
              done()
            })
            if ('closeIdleConnections' in server) server.closeIdleConnections()
          }),
      })
    })
    server.once('error', reject)
  })
}
