/**
 * The frame of the server's own pages, and the strict Content-Security-Policy they are served
 * with: scripts, styles and images from this origin only, no inline code, forms only to this
 * server and the PSP, never framed.
 */
import type { Context } from 'hono'
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

/** The stylesheet's URL; its content lives in `style.css` beside this file. */
export const STYLESHEET_PATH = '/assets/portmanat.css'

/** The CSP of our pages; `pspUrl` is where checkout forms post. */
function buildCsp(pspUrl: string): string {
  const psp = new URL(pspUrl).origin
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `form-action 'self' ${psp}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ')
}

// A server has one PSP URL: the policy is built on its first page, not parsed again for each.
let lastCsp = { pspUrl: '', csp: '' }

const pageCsp = (pspUrl: string): string => {
  if (lastCsp.pspUrl !== pspUrl) lastCsp = { pspUrl, csp: buildCsp(pspUrl) }
  return lastCsp.csp
}

/** The headers of every page we render: the page CSP, and no caching (pages show live state). */
export function pageHeaders(c: Context, pspUrl: string): void {
  c.header('Content-Security-Policy', pageCsp(pspUrl))
  c.header('Cache-Control', 'no-store')
}

export interface PageOptions {
  lang: string
  title: string
  body: HtmlEscapedString | Promise<HtmlEscapedString>
  /** Extra `<head>` content, e.g. the widget script. */
  head?: HtmlEscapedString | Promise<HtmlEscapedString>
}

/** A full HTML document around `body`. */
export const layout = ({ lang, title, body, head }: PageOptions) => html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
${head ?? raw('')}
</head>
<body>
${body}
</body>
</html>`

/** Sends a page with the page CSP and no caching (results change). */
export async function sendPage(
  c: Context,
  pspUrl: string,
  page: ReturnType<typeof layout>,
  status: 200 | 400 | 404 | 413 | 429 | 503 = 200,
) {
  pageHeaders(c, pspUrl)
  return c.html(await page, status)
}
