/** The `<script>` tag that loads the widget. */
export interface WidgetScript {
  src: string
  integrity?: string
  crossorigin?: 'anonymous'
  /** @default true */
  async?: boolean
}

/** Options of {@link embedPage}. */
export interface EmbedOptions {
  script: WidgetScript
  /** Attributes of each `<portmanat-checkout>` element, e.g. `{item: 'premium', locale: 'ru'}`. */
  elements: Record<string, string | true>[]
  /** `<html lang>` @default 'en' */
  lang?: string
  title?: string
  /**
   * Link the shop's own stylesheet and font (`/shop.css`). Off for pages under a CSP that allows
   * no styles from the merchant's origin.
   * @default true
   */
  styled?: boolean
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const attributes = (attrs: Record<string, string | true>) =>
  Object.entries(attrs)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
    .join('')

/** The two-line embed from the README, `src` pointing at the signing server. */
export const readmeScript = (serverUrl: string): WidgetScript => ({ src: `${serverUrl}/widget.js` })

/**
 * A merchant page: plain HTML with no script of its own, no inline style (so a strict CSP needs
 * no exceptions for the page itself) and the widget loaded exactly as the README tells merchants.
 */
export const embedPage = ({
  script,
  elements,
  lang = 'en',
  title = 'Merchant shop',
  styled = true,
}: EmbedOptions): string => {
  const scriptAttrs: Record<string, string | true> = { src: script.src }
  if (script.async !== false) scriptAttrs.async = true
  if (script.integrity) scriptAttrs.integrity = script.integrity
  if (script.crossorigin) scriptAttrs.crossorigin = script.crossorigin
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${styled ? '<link rel="stylesheet" href="/shop.css">\n' : ''}</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>Everything you need, paid in manat.</p>
<script${attributes(scriptAttrs)}></script>
${elements.map((attrs) => `<portmanat-checkout${attributes(attrs)}></portmanat-checkout>`).join('\n')}
<p><a href="#footer">Terms</a></p>
</main>
</body>
</html>
`
}
