/**
 * Whether a form post came from one of our own pages, by the headers browsers set and pages
 * cannot: `Sec-Fetch-Site` and `Origin`. A request without them (curl, an old browser) is judged
 * by the form's own token alone.
 */
import type { Context } from 'hono'

const LOOPBACK = new Set(['localhost', '127.0.0.1'])

/** The origins our own pages are served from: `PUBLIC_URL`'s, and its twin on a loopback address. */
export function ownOrigins(publicUrl: string): string[] {
  const url = new URL(publicUrl)
  if (!LOOPBACK.has(url.hostname)) return [url.origin]
  return ['localhost', '127.0.0.1'].map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`)
}

/** Why a request is not one of our own pages' (for the log), or null when it may be. */
export function foreignRequest(c: Context, origins: readonly string[]): string | null {
  const site = c.req.header('sec-fetch-site')
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${site}`
  const origin = c.req.header('origin')
  if (origin !== undefined && !origins.includes(origin)) return `Origin: ${origin.slice(0, 100)}`
  return null
}
