// Every test starts on a clean page: no element, no return parameters, no stubs.
import { afterEach, beforeEach, vi } from 'vitest'
import { resetReturnClaim } from '../return-params.ts'

// Only where there is a DOM (some files run in node).
if (typeof document === 'object') {
  // jsdom has <dialog> without showModal(): a stand-in that opens it (the top layer, the inert
  // page and the close requests are the browser suite's to check).
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true
  }
  // jsdom has no adopted sheets on the document; the widget's scroll lock reads them.
  beforeEach(() => {
    document.adoptedStyleSheets = []
  })
  afterEach(clean)
}

function clean(): void {
  document.body.replaceChildren()
  document.documentElement.lang = ''
  document.adoptedStyleSheets = []
  history.replaceState(null, '', '/')
  resetReturnClaim()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
}
