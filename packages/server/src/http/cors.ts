/**
 * CORS for the merchant-facing API and the public files. Preflights go to `hono/cors`. For the
 * requests themselves the headers are set here, before the handler builds its response:
 * `hono/cors` appends `Vary` to the finished response, which makes the Node adapter turn its light
 * response into a full web `Response` and back on every request. And unlike `hono/cors`, a
 * refused origin gets no `Access-Control-Allow-*` header at all, preflights included.
 */
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { requestHeader } from './request-header.ts'
import { setHeader } from './response-headers.ts'

export interface AllowedCorsOptions {
  origins: readonly string[]
  /**
   * Let any origin read the answers (a route that itself refuses unknown origins with a readable
   * `403`, before it does anything), so a shop missing from `ALLOWED_ORIGINS` learns why.
   * @default false
   */
  readableRefusals?: boolean
  allowMethods?: string[]
  allowHeaders?: string[]
  exposeHeaders?: string[]
}

const isPreflight = (method: string, requestMethod: string | undefined) =>
  method === 'OPTIONS' && requestMethod !== undefined

export const allowedCors = ({
  origins,
  readableRefusals = false,
  allowMethods = ['GET', 'POST'],
  allowHeaders = ['Content-Type', 'Idempotency-Key'],
  exposeHeaders = ['Retry-After'],
}: AllowedCorsOptions): MiddlewareHandler => {
  const allowed = new Set(origins)
  const readable = (origin: string | undefined): origin is string =>
    origin !== undefined && (readableRefusals || allowed.has(origin))
  const preflight = cors({
    origin: (origin) => (readable(origin) ? origin : null),
    allowMethods,
    allowHeaders,
    exposeHeaders,
    maxAge: 600,
  })
  const expose = exposeHeaders.join(',')
  return async function allowedCors(c, next) {
    const origin = requestHeader(c, 'origin')
    if (isPreflight(c.req.method, requestHeader(c, 'access-control-request-method'))) {
      return readable(origin) ? preflight(c, next) : c.body(null, 204, { Vary: 'Origin' })
    }
    setHeader(c, 'Vary', 'Origin', { append: true })
    if (readable(origin)) {
      setHeader(c, 'Access-Control-Allow-Origin', origin)
      if (expose) setHeader(c, 'Access-Control-Expose-Headers', expose)
    }
    await next()
  }
}

/** `Access-Control-Allow-Origin: *` for public, read-only resources. */
export const publicCors = (): MiddlewareHandler => {
  const preflight = cors({ origin: '*', allowMethods: ['GET', 'HEAD'] })
  return async function publicCors(c, next) {
    if (isPreflight(c.req.method, requestHeader(c, 'access-control-request-method')))
      return preflight(c, next)
    setHeader(c, 'Access-Control-Allow-Origin', '*')
    await next()
  }
}
