/**
 * The sandbox's two static files, read once at start and served with a short cache.
 */
import { readFileSync } from 'node:fs'
import { Hono } from 'hono'

const read = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8')

const FILES: Record<string, { type: string; body: string }> = {
  'sandbox.css': { type: 'text/css; charset=utf-8', body: read('sandbox.css') },
  'auto-submit.js': { type: 'text/javascript; charset=utf-8', body: read('auto-submit.js') },
}

/** `GET /assets/sandbox.css` and `GET /assets/auto-submit.js`. */
export function assetRoutes() {
  return new Hono().get('/assets/:name', (c) => {
    const file = FILES[c.req.param('name')]
    if (!file) return c.notFound()
    return c.body(file.body, 200, {
      'Content-Type': file.type,
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    })
  })
}
