// Every test starts on a clean page: no element, no return parameters, no stubs.
import { afterEach, beforeEach, vi } from 'vitest'
import { resetReturnClaim } from '../return-params.ts'

// Only where there is a DOM (some files run in node).
if (typeof document === 'object') {
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
