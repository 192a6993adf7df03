/**
 * Whether a form post came from one of our own pages, by the headers browsers set and pages
 * cannot: `Sec-Fetch-Site` and `Origin`. A request without them (curl, an old browser) is judged
 * by the form's own token alone.
 */
import type { Context } from 'hono'

/** Why a request is not one of our own pages' (for the log), or null when it may be. */
export function foreignRequest(c: Context, origins: readonly string[]): string | null {
  const site = c.req.header('sec-fetch-site')
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${site}`
  const origin = c.req.header('origin')
  if (origin !== undefined && !origins.includes(origin)) return `Origin: ${origin.slice(0, 100)}`
  return null
}
