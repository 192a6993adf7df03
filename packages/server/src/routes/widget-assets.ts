/**
 * The widget's files, served as a CDN would: `/widget.js` (the loader, short cache: what the
 * README's snippet loads), `/widget/{version}/{file}` (the loader and the modal chunks,
 * immutable: for a CDN and `integrity=`) and `/widget/manifest.json` with the published SHA-384.
 * Brotli or gzip prepared at build time, chosen by `Accept-Encoding` (`Vary`), a strong ETag per
 * coding and `304`s, and CORS for merchant pages on other origins (the chunks load with
 * `crossorigin` for their integrity check).
 */
import { type Context, Hono } from 'hono'
import type { Services } from '../deps.ts'
import { parseAccept } from '../http/accept-header.ts'
import { publicCors } from '../http/cors.ts'
import { ApiError } from '../http/errors.ts'
import { requestHeader } from '../http/request-header.ts'
import { respond } from '../http/response-headers.ts'
import { publicAssetHeaders } from '../http/security-headers.ts'
import {
  ENCODINGS,
  type Encoding,
  type WidgetAsset,
  type WidgetBundle,
  type WidgetSource,
} from '../widget-source.ts'

const notBuilt = () => new ApiError(503, 'unavailable', 'widget not built: run pnpm build')

/** The best coding we have that `Accept-Encoding` allows (q > 0); identity otherwise. */
export function chooseEncoding(header: string | undefined): Encoding {
  const weights = new Map(parseAccept(header).map(({ token, q }) => [token, q]))
  const allowed = (coding: string) => (weights.get(coding) ?? weights.get('*') ?? 0) > 0
  return ENCODINGS.find(allowed) ?? 'identity'
}

/** Whether `If-None-Match` names this ETag (weak comparison, as RFC 9110 asks for it). */
const matches = (header: string | undefined, etag: string) =>
  (header ?? '').split(',').some((tag) => {
    const plain = tag.trim().replace(/^W\//, '')
    return plain === etag || plain === '*'
  })

function sendScript(c: Context, asset: WidgetAsset, cacheControl: string) {
  const encoding = chooseEncoding(requestHeader(c, 'accept-encoding'))
  const etag = asset.etag[encoding]
  const cache = { 'cache-control': cacheControl, vary: 'Accept-Encoding', etag }
  if (matches(requestHeader(c, 'if-none-match'), etag)) return respond(c, null, 304, cache)
  return respond(c, asset.body[encoding], 200, {
    ...cache,
    'content-type': 'text/javascript; charset=utf-8',
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
  })
}

export function widgetRoutes(s: Services, source: WidgetSource): Hono {
  const app = new Hono()
  for (const path of ['/widget.js', '/widget/*']) {
    // Served as a CDN serves a file: these routes come before the app's own middleware (no
    // request log line or request id for a script), with the headers a script needs. Every answer
    // here, errors included, is meant for merchant pages on other origins.
    app.use(path, publicAssetHeaders({ https: s.config.publicUrl.startsWith('https:') }))
    app.use(path, publicCors())
  }
  const load = (): WidgetBundle => {
    const bundle = source.load()
    if (!bundle) throw notBuilt()
    return bundle
  }
  const loader = (bundle: WidgetBundle): WidgetAsset => {
    const asset = bundle.files.get('widget.js')
    if (!asset) throw notBuilt()
    return asset
  }
  app.get('/widget.js', (c) => sendScript(c, loader(load()), 'public, max-age=300'))
  app.get('/widget/manifest.json', (c) => {
    const bundle = load()
    c.header('Cache-Control', 'public, max-age=300')
    return c.json({
      version: bundle.version,
      url: `${s.config.publicUrl}/widget/${bundle.version}/widget.js`,
      integrity: loader(bundle).integrity,
    })
  })
  app.get('/widget/:version/:file', (c) => {
    const bundle = load()
    const { version, file } = c.req.param()
    const asset = version === bundle.version ? bundle.files.get(file) : undefined
    if (!asset) throw new ApiError(404, 'not_found', `no widget file ${version}/${file}`)
    return sendScript(c, asset, 'public, max-age=31536000, immutable')
  })
  return app
}
