import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** A static file of the merchant site. */
export interface Asset {
  type: string
  body: Buffer | string
}

const require = createRequire(import.meta.url)
const NOTO_DIR = dirname(require.resolve('@fontsource/noto-sans/package.json'))

// A merchant's own look. The font matters: no system font on a bare Linux image has the manat
// sign (U+20BC), and the widget inherits the page's font, so without one ₼ renders as a box.
const SHOP_CSS = `@import url(/fonts/400.css);
@import url(/fonts/700.css);
body { font-family: 'Noto Sans', system-ui, sans-serif; margin: 0; color: #1d2433; background: #f4f6fb; }
main { max-width: 40rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 12px;
  box-shadow: 0 1px 3px rgb(0 0 0 / 8%); }
h1 { margin-top: 0; font-size: 1.75rem; }
p { line-height: 1.5; color: #4a5468; }
/* As the widget's README tells merchants: the button's space is kept before the script runs. */
portmanat-checkout:not(:defined) { display: inline-block; vertical-align: top; min-height: 44px; min-width: 6em; }
`

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}

/** `/shop.css` and `/fonts/…` (Noto Sans from `@fontsource/noto-sans`), or undefined. */
export const shopAsset = (pathname: string): Asset | undefined => {
  if (pathname === '/shop.css') return { type: TYPES['.css'] ?? '', body: SHOP_CSS }
  // Only plain file names of the font package: no `..`, no subfolders but `files/`.
  const match = /^\/fonts\/((?:files\/)?[a-z0-9-]+(\.css|\.woff2|\.woff))$/.exec(pathname)
  const type = match?.[2] ? TYPES[match[2]] : undefined
  if (!match?.[1] || !type) return undefined
  try {
    return { type, body: readFileSync(join(NOTO_DIR, match[1])) }
  } catch {
    return undefined
  }
}
