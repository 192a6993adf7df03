/**
 * CORS for the merchant-facing API. Hono's `cors()` answers a preflight with
 * `Access-Control-Allow-Methods` even for an origin it refuses; we want no `Access-Control-Allow-*`
 * header at all for such origins, so the refusal happens here and only allowed origins reach it.
 */
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'

export interface AllowedCorsOptions {
  origins: readonly string[]
  allowMethods?: string[]
  allowHeaders?: string[]
  exposeHeaders?: string[]
}

export const allowedCors = ({
  origins,
  allowMethods = ['GET', 'POST'],
  allowHeaders = ['Content-Type', 'Idempotency-Key'],
  exposeHeaders = ['Retry-After'],
}: AllowedCorsOptions): MiddlewareHandler => {
  const allowed = new Set(origins)
  const inner = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods,
    allowHeaders,
    exposeHeaders,
    maxAge: 600,
  })
  return async function allowedCors(c, next) {
    const origin = c.req.header('origin')
    if (origin && allowed.has(origin)) return inner(c, next)
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      return c.body(null, 204, { Vary: 'Origin' })
    }
    await next()
    c.header('Vary', 'Origin', { append: true })
  }
}

/** `Access-Control-Allow-Origin: *` for public, read-only resources. */
export const publicCors = (): MiddlewareHandler => cors({ origin: '*', allowMethods: ['GET', 'HEAD'] })
