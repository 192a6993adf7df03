import { createElementClass, TAG } from './element.ts'
import { defaults } from './options.ts'

export interface DefineOptions {
  /** Endpoint for elements without an `endpoint` attribute and for `open()`. */
  endpoint?: string
}

/**
 * Registers `<portmanat-checkout>`. Safe to call more than once (and from two copies of the
 * script): an existing definition is kept.
 *
 * @example define({ endpoint: 'https://pay.example.az' })
 */
export function define({ endpoint }: DefineOptions = {}): CustomElementConstructor {
  if (endpoint) defaults.endpoint = endpoint
  const existing = customElements.get(TAG)
  if (existing) return existing
  const element = createElementClass()
  customElements.define(TAG, element)
  return element
}
