import type { MiddlewareHandler } from 'hono'
import type { Logger } from '../logger.ts'

/**
 * One JSON line per request: method, path (never the query, which may carry references),
 * status, duration and request id. Values go in as fields, so pino escapes CR/LF and quotes.
 */
export const requestLog = (logger: Logger): MiddlewareHandler =>
  async function requestLog(c, next) {
    const started = performance.now()
    await next()
    const status = c.res.status
    const fields = {
      event: 'http.request',
      request_id: c.get('requestId'),
      method: c.req.method,
      path: c.req.path.slice(0, 200),
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    }
    if (status >= 500) logger.error(fields, 'request')
    else logger.info(fields, 'request')
  }
