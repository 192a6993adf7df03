/** `GET /healthz`: 200 when the store answers, 503 when it does not (for load balancers). */
import { Hono } from 'hono'
import type { Services } from '../deps.ts'

export function healthRoutes(s: Services): Hono {
  const app = new Hono()
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store')
    try {
      await s.store.ping()
      return c.json({ status: 'ok', livemode: s.config.mode === 'live' })
    } catch (error) {
      s.logger.error({ event: 'health.store_down', err: error }, 'store does not answer')
      return c.json({ status: 'unavailable', livemode: s.config.mode === 'live' }, 503)
    }
  })
  // Browsers ask for it on every page of ours; an empty answer keeps their consoles clean.
  app.get('/favicon.ico', (c) => {
    c.header('Cache-Control', 'public, max-age=86400')
    return c.body(null, 204)
  })
  return app
}
