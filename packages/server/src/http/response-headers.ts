/**
 * The headers every response carries, kept as a plain object on the context while the request
 * runs: middleware add theirs with {@link setHeader} (security, request id, CORS). A route on the
 * hot path answers with {@link respond}, a `Response` whose headers are that plain object plus its
 * own, which the Node adapter writes as is. Anything else (Hono's `c.json`, `c.html`, the mounted
 * sandbox, errors) gets them merged in after the handler. `c.header()` would instead make every
 * response carry a web `Headers` object, built and then converted back for Node on each request.
 */
import type { Context, MiddlewareHandler } from 'hono'

declare module 'hono' {
  interface ContextVariableMap {
    /** Lower-case names; set with {@link setHeader}. */
    responseHeaders: Record<string, string>
    /** Set by {@link respond}: its response already carries them. */
    responseHeadersSent: boolean
  }
}

/** Adds a header to every response of this request (`append` joins with a comma, as for `Vary`). */
export function setHeader(c: Context, name: string, value: string, { append = false } = {}): void {
  const key = name.toLowerCase()
  let headers = c.get('responseHeaders')
  if (headers === undefined) {
    headers = {}
    c.set('responseHeaders', headers)
  }
  headers[key] = append && headers[key] ? `${headers[key]}, ${value}` : value
}

/**
 * A response with the request's headers and the route's own (lower-case names; the route's win).
 * @example return respond(c, JSON.stringify(view), 200, { 'content-type': 'application/json' })
 */
export function respond(
  c: Context,
  body: string | Uint8Array | null,
  status: number,
  headers: Record<string, string>,
): Response {
  c.set('responseHeadersSent', true)
  const merged = { ...c.get('responseHeaders'), ...headers }
  if (headers.vary && c.get('responseHeaders')?.vary)
    merged.vary = `${headers.vary}, ${c.get('responseHeaders')?.vary}`
  return new Response(body, { status, headers: merged })
}

export interface ResponseHeadersOptions {
  /** Set on every response before the handler runs. */
  always: Record<string, string>
  /** Added to HTML documents only (features of a page, not of an API answer or a script). */
  documents: Record<string, string>
}

/**
 * The outermost middleware: seeds the request's headers, and after the handler merges them into
 * a response that did not come from {@link respond} (a value the handler set itself wins).
 */
export const responseHeaders = ({ always, documents }: ResponseHeadersOptions): MiddlewareHandler =>
  async function responseHeaders(c, next) {
    c.set('responseHeaders', { ...always })
    await next()
    if (c.get('responseHeadersSent')) return
    const sent = c.res.headers
    for (const [name, value] of Object.entries(c.get('responseHeaders'))) {
      if (name === 'vary' && sent.has('vary')) sent.append('vary', value)
      else if (!sent.has(name)) sent.set(name, value)
    }
    if (!(sent.get('content-type') ?? '').startsWith('text/html')) return
    for (const [name, value] of Object.entries(documents)) if (!sent.has(name)) sent.set(name, value)
  }
