/** `/` (demo shop or a "running" page) and the pages' stylesheet. */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Hono } from 'hono'
import type { Services } from '../deps.ts'
import { demoPage, livePage } from '../pages/home-page.ts'
import { STYLESHEET_PATH, sendPage } from '../pages/layout.ts'

const STYLESHEET = readFileSync(new URL('../pages/style.css', import.meta.url))
const STYLESHEET_ETAG = `"${createHash('sha256').update(STYLESHEET).digest('base64url')}"`

export function pageRoutes(s: Services): Hono {
  const { config } = s
  const app = new Hono()
  app.get('/', (c) =>
    sendPage(
      c,
      config.pspUrl,
      config.mode === 'sandbox' ? demoPage(config.catalog, config.publicUrl) : livePage(),
    ),
  )
  app.get(STYLESHEET_PATH, (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    c.header('ETag', STYLESHEET_ETAG)
    if (c.req.header('if-none-match') === STYLESHEET_ETAG) return c.body(null, 304)
    c.header('Content-Type', 'text/css; charset=utf-8')
    return c.body(STYLESHEET, 200)
  })
  return app
}
