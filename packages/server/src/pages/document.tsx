/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The frame of the server's own pages written as Hono JSX (the dashboard, the hosted payment
 * page): the same head as `layout.ts` — one stylesheet served as a file, no inline script or
 * style — and sent with the same Content-Security-Policy.
 */
import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { pageHeaders, STYLESHEET_PATH } from './layout.ts'

export interface DocumentProps {
  lang: string
  title: string
  /** Extra `<head>` content: a script file, a `<meta http-equiv="refresh">`. */
  head?: Child
  /** A class on `<body>` (e.g. `dash` for the dashboard's frame). */
  bodyClass?: string
  children?: Child
}

/**
 * The same page in another language: its path and query with `lang=` set, every other parameter
 * kept (the result page's `portmanat_status`, the orders list's filter). `page` is a URL or a
 * path with its query.
 */
export function languageHref(page: URL | string, lang: string): string {
  const url = new URL(page, 'http://page.invalid')
  url.searchParams.set('lang', lang)
  return `${url.pathname}${url.search}`
}

export const Document = ({ lang, title, head, bodyClass, children }: DocumentProps) => (
  <html lang={lang}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title}</title>
      <link rel="stylesheet" href={STYLESHEET_PATH} />
      {head}
    </head>
    <body class={bodyClass}>{children}</body>
  </html>
)

/** Sends a JSX page with the pages' CSP, uncached (it shows live state). */
export async function sendDocument(
  c: Context,
  pspUrl: string,
  page: Child,
  status: ContentfulStatusCode = 200,
  headers: Record<string, string> = {},
) {
  pageHeaders(c, pspUrl)
  for (const [name, value] of Object.entries(headers)) c.header(name, value)
  return c.html(`<!doctype html>\n${String(await page)}`, status)
}
