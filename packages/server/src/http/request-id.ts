import type { MiddlewareHandler } from 'hono'
import { requestHeader } from './request-header.ts'
import { setHeader } from './response-headers.ts'

declare module 'hono' {
  interface ContextVariableMap {
    requestId: string
  }
}

/** An id a proxy in front may have given the request already: short and of safe characters only. */
const INCOMING = /^[\w\-=]{1,255}$/

/**
 * `X-Request-Id` on every response and `c.get('requestId')` for the log lines: the one a proxy in
 * front sent, else a new random one (16 characters).
 */
export const requestId = (random: (n: number) => Uint8Array): MiddlewareHandler =>
  async function requestId(c, next) {
    const incoming = requestHeader(c, 'x-request-id')
    const id = incoming && INCOMING.test(incoming) ? incoming : Buffer.from(random(12)).toString('base64url')
    c.set('requestId', id)
    setHeader(c, 'x-request-id', id)
    await next()
  }
