/**
 * @module embed
 * The `<script src=…/widget.js>` entry, the loader (built as one IIFE, without Preact):
 * registers `<portmanat-checkout>` and `window.PortmanatCheckout`, and nothing else on
 * `window`. Loading it twice is harmless.
 */

import { define, handleReturn, open, version } from './index.ts'
import { defaults } from './options.ts'

declare global {
  interface Window {
    PortmanatCheckout?: {
      open: typeof open
      define: typeof define
      handleReturn: typeof handleReturn
      version: string
    }
  }
}

// currentScript is set while this script runs, also with `async`; it is null inside modules.
const script = document.currentScript
if (script instanceof HTMLScriptElement && script.src) {
  defaults.src = script.src
  defaults.endpoint ??= new URL(script.src).origin
}

define()
window.PortmanatCheckout ??= { open, define, handleReturn, version }

// A return page without a <portmanat-checkout>: once elements had their chance, show it anyway.
if (document.readyState === 'complete') handleReturn()
else addEventListener('load', () => handleReturn(), { once: true })
