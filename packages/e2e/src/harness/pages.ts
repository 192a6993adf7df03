import { embedPage, readmeScript } from './embed.ts'
import type { E2e } from './suite.ts'

let counter = 0

/**
 * Adds a merchant page with one `<portmanat-checkout>` (README embed) and returns its URL. Each
 * call gets its own path, so a test's return URL — and so its result — is its own.
 */
export const shopPage = (
  e2e: E2e,
  attrs: Record<string, string | true>,
  {
    lang = 'en',
    headers,
    styled = true,
  }: { lang?: string; headers?: Record<string, string>; styled?: boolean } = {},
): string => {
  counter += 1
  return e2e.site.add({
    path: `/shop-${counter}`,
    html: embedPage({ script: readmeScript(e2e.server.url), elements: [attrs], lang, styled }),
    ...(headers ? { headers } : {}),
  })
}

/** A predicate for `page.waitForURL`: back on the merchant's page `pageUrl` (any query). */
export const backOn = (pageUrl: string) => {
  const target = new URL(pageUrl)
  return (url: URL) => url.origin === target.origin && url.pathname === target.pathname
}
