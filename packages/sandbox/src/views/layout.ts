/**
 * The frame of every sandbox page: `lang`, the stylesheet served as a file, the sandbox banner
 * and one `<main>`. No inline style or script, so pages work under `default-src 'self'`.
 */
import type { Locale } from '@portmanat-checkout/shared'
import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { Strings } from '../i18n/index.ts'

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>

/** What every view needs: the strings of the page's locale and where the sandbox is mounted. */
export interface View {
  locale: Locale
  t: Strings
  base: string
}

export function layout(view: View, title: string, content: Html, head: Html | string = ''): Html {
  const { t, base } = view
  return html`<!doctype html>
<html lang="${t.tag}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${t.site}</title>
<link rel="stylesheet" href="${base}/assets/sandbox.css">
${head}
</head>
<body>
<header class="banner"><p role="note"><strong>${t.banner}</strong> <span>${t.bannerDetail}</span></p></header>
<main>
${content}
</main>
</body>
</html>
`
}

/** A hidden `lang` field, so the chosen locale follows the buyer through every form. */
export const langField = (view: View) => html`<input type="hidden" name="lang" value="${view.t.tag}">`
