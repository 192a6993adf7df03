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

/** Starts an HTTP server for `fetch` and resolves once it listens. */
export function listen({
  fetch,
  port,
  host,
}: {
  fetch: Parameters<typeof serve>[0]['fetch']
  port: number
  host: string
}): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, (info: AddressInfo) => {
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
