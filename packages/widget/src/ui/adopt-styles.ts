/**
 * Styles through `adoptedStyleSheets`: no `<style>` element and no `style` attribute, so the
 * widget works under a CSP without `'unsafe-inline'`.
 */
import css from './styles.css?inline'

let shared: CSSStyleSheet | undefined

/**
 * Adopts the widget's sheet into a shadow root: one sheet object for every root on the page.
 * Where constructable sheets are missing (very old browsers, jsdom), the widget stays usable
 * unstyled rather than breaking the page's CSP with a `<style>` element.
 *
 * @returns whether the styles were applied
 */
export function adoptStyles(root: ShadowRoot): boolean {
  if (!('adoptedStyleSheets' in root) || typeof CSSStyleSheet === 'undefined') return false
  try {
    if (!shared) {
      shared = new CSSStyleSheet()
      shared.replaceSync(css)
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, shared]
    return true
  } catch {
    return false
  }
}
