/**
 * What every route of one sandbox instance shares, and the helpers that turn a request into a
 * page in the buyer's language.
 */
import type { Context } from 'hono'
import type { Hangs } from './faults.ts'
import { pickLocale, STRINGS } from './i18n/index.ts'
import type { SandboxState } from './state.ts'
import type { Html, View } from './views/layout.ts'

export interface SandboxDeps {
  state: SandboxState
  /** Prefix of every link, form action and asset URL (`''` or e.g. `/sandbox`). */
  base: string
  pendingDelayMs: number
  now: () => Date
  hangs: Hangs
  maxHangMs: number
}

/** The view for this request: `?lang=`, then the `lang` form field, then `Accept-Language`. */
export function viewFor(c: Context, base: string, field?: string): View {
  const locale = pickLocale({
    query: c.req.query('lang'),
    field,
    acceptLanguage: c.req.header('accept-language'),
  })
  return { locale, t: STRINGS[locale], base }
}

/** Sends a page with the headers every sandbox page carries. */
export function sendPage(
  c: Context,
  page: Html,
  status: 200 | 400 | 404 | 405 | 409 | 413 | 415 | 422 | 500 = 200,
) {
  // The pages hold no inline script or style, so the strictest policy costs nothing and proves it.
  c.header('Content-Security-Policy', "default-src 'self'")
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  return c.html(page, status)
}

/** True when the client asked for JSON rather than a page (an API client, not a browser). */
export function wantsJson(c: Context): boolean {
  const accept = c.req.header('accept') ?? ''
  return accept.includes('application/json') && !accept.includes('text/html')
}
