/**
 * Keeps the shop's page from scrolling behind the open modal: a constructed sheet on the
 * document (no `style` attribute, so no CSP exception), with the scrollbar's width kept as a
 * gutter so the page does not shift sideways. Each lock has its own sheet, so two modals
 * release the page only when both have closed.
 */
import { adopt } from '../kit.ts'

/** Locks the page's scrolling; the returned function releases this lock. */
export function lockScroll(): () => void {
  const gutter = innerWidth > document.documentElement.clientWidth ? 'scrollbar-gutter:stable;' : ''
  const sheet = adopt(document, `html{overflow:hidden!important;${gutter}}`)
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((other) => other !== sheet)
  }
}
