import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { BrowserContext } from 'playwright-core'

const require = createRequire(import.meta.url)
const NOTO_DIR = dirname(require.resolve('@fontsource/noto-sans/package.json'))
const PREFIX = '/__e2e-fonts/'

/**
 * For screenshots of the server's own pages (dashboard, payment page): no font of a bare Linux
 * image has the manat sign, which every desktop and phone system has, so a `₼` would be a box.
 * This context gets Noto Sans (`@fontsource/noto-sans`) served from the server's own origin —
 * the pages' CSP allows fonts from there — and the server's stylesheet, as served, with the font
 * put first. Nothing else of the page changes; the server itself serves no font.
 */
export const useNotoOnServerPages = async (context: BrowserContext, serverUrl: string): Promise<void> => {
  await context.route(`${serverUrl}${PREFIX}**`, async (route) => {
    const match = /^\/__e2e-fonts\/((?:files\/)?[a-z0-9-]+\.(css|woff2|woff))$/.exec(
      new URL(route.request().url()).pathname,
    )
    if (!match?.[1]) return route.fulfill({ status: 404 })
    const type = match[2] === 'css' ? 'text/css' : `font/${match[2]}`
    return route.fulfill({ status: 200, contentType: type, body: readFileSync(join(NOTO_DIR, match[1])) })
  })
  await context.route(`${serverUrl}/assets/portmanat.css`, async (route) => {
    const response = await route.fetch()
    const css = await response.text()
    await route.fulfill({
      response,
      body: `@import url(${PREFIX}400.css);\n@import url(${PREFIX}700.css);\n${css}\nbody { font-family: 'Noto Sans', system-ui, sans-serif; }\n`,
    })
  })
}
