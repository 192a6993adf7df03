/**
 * The widget bundle: `/widget.js` (short cache, what the README's snippet loads),
 * `/widget/{version}/widget.js` (immutable, for a CDN and `integrity=`) and
 * `/widget/manifest.json` with the published SHA-384.
 */
import { type Context, Hono } from 'hono'
import type { Services } from '../deps.ts'
import { publicCors } from '../http/cors.ts'
import { ApiError } from '../http/errors.ts'
import type { WidgetAsset, WidgetSource } from '../widget-source.ts'

const notBuilt = () => new ApiError(503, 'unavailable', 'widget not built: run pnpm build')

function sendScript(c: Context, asset: WidgetAsset, cacheControl: string) {
  c.header('Cache-Control', cacheControl)
  c.header('ETag', asset.etag)
  const tags = (c.req.header('if-none-match') ?? '').split(',').map((tag) => tag.trim())
  if (tags.includes(asset.etag) || tags.includes('*')) return c.body(null, 304)
  c.header('Content-Type', 'text/javascript; charset=utf-8')
  return c.body(asset.code as Uint8Array<ArrayBuffer>, 200)
}

export function widgetRoutes(s: Services, source: WidgetSource): Hono {
  const app = new Hono()
  for (const path of ['/widget.js', '/widget/*']) {
    app.use(path, publicCors())
    // Every answer here, errors included, is meant for merchant pages on other origins.
    app.use(path, async (c, next) => {
      c.header('Cross-Origin-Resource-Policy', 'cross-origin')
      await next()
    })
  }
  const load = () => {
    const asset = source.load()
    if (!asset) throw notBuilt()
    return asset
  }
  app.get('/widget.js', (c) => sendScript(c, load(), 'public, max-age=300'))
  app.get('/widget/manifest.json', (c) => {
    const asset = load()
    c.header('Cache-Control', 'public, max-age=300')
    return c.json({
      version: asset.version,
      url: `${s.config.publicUrl}/widget/${asset.version}/widget.js`,
      integrity: asset.integrity,
    })
  })
  app.get('/widget/:version/widget.js', (c) => {
    const asset = load()
    if (c.req.param('version') !== asset.version)
      throw new ApiError(404, 'not_found', `no widget version ${c.req.param('version')}`)
    return sendScript(c, asset, 'public, max-age=31536000, immutable')
  })
  return app
}
