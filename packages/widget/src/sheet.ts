/**
 * Styles go through `adoptedStyleSheets` only (no `<style>`, no `style` attribute: no CSP
 * `'unsafe-inline'`); without constructable sheets (jsdom, very old browsers) the widget works
 * unstyled.
 */

/** Adds a sheet of `css` to a shadow root or the document; returns it (to remove it later). */
export function adopt(target: DocumentOrShadowRoot, css: string): CSSStyleSheet | undefined {
  try {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet]
    return sheet
  } catch {}
}
