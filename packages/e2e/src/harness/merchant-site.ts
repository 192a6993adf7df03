import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { freePort } from './free-port.ts'
import { shopAsset } from './shop-assets.ts'

/** One page of the merchant site. */
export interface MerchantPage {
  /** Path without query, e.g. `/shop`. The callback's return adds a query string; it still matches. */
  path: string
  html: string
  /** Extra response headers, e.g. `Content-Security-Policy`. */
  headers?: Record<string, string>
}

/** A static merchant site on its own origin (a second port), pages added by the tests. */
export interface MerchantSite {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  readonly port: number
  /** Serves `page` from now on and returns its absolute URL. */
  add(page: MerchantPage): string
  close(): Promise<void>
}

/**
 * Starts a tiny `node:http` server standing in for the merchant's own site. It knows nothing of
 * the widget: the pages load it by `<script>` from the signing server, as merchants do. Besides
 * the added pages it serves the shop's stylesheet and font (`/shop.css`, `/fonts/…`).
 */
export const startMerchantSite = async (): Promise<MerchantSite> => {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const pages = new Map<string, MerchantPage>()

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? '/', origin)
    const page = pages.get(pathname)
    if (pathname === '/favicon.ico') {
      // A 404 here would add a console error to every page and blur the console assertions.
      res.writeHead(204).end()
      return
    }
    const asset = page ? undefined : shopAsset(pathname)
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' })
      res.end(asset.body)
      return
    }
    if (!page || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
      return
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...page.headers,
    })
    res.end(req.method === 'HEAD' ? undefined : page.html)
  }

  const server = createServer(handle)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })

  return {
    origin,
    port,
    add: (page) => {
      pages.set(page.path, page)
      return `${origin}${page.path}`
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
