/**
 * Keeps the shop's page from scrolling behind the open modal: a constructed sheet on the
 * document (no `style` attribute, so no CSP exception), with the scrollbar's width kept as a
 * gutter so the page does not shift sideways.
 */
import { adopt } from '../kit.ts'

let sheet: CSSStyleSheet | undefined
let holders = 0

/** Locks the page's scrolling until every lock is released. */
export function lockScroll(): () => void {
  if (!holders++) {
    const gutter = innerWidth > document.documentElement.clientWidth ? 'scrollbar-gutter:stable;' : ''
    sheet = adopt(document, `html{overflow:hidden!important;${gutter}}`)
  }
  let held = true
  return () => {
    if (held && !--holders && sheet)
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet)
    held = false
  }
}
