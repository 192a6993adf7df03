/**
 * Mounts a checkout surface in a host on the page, with the fetch it talks to stubbed: tests
 * drive it through the DOM the buyer sees (roles and names) and read its events.
 */
import { within } from '@testing-library/preact'
import { vi } from 'vitest'
import { mount } from '../checkout.tsx'
import type { Callbacks } from '../events.ts'
import type { Config } from '../options.ts'
import { ENDPOINT, type FakeFetch, fakeFetch } from './fake-server.ts'

export const CONFIG: Config = {
  item: 'premium',
  endpoint: ENDPOINT,
  locale: 'en',
  returnUrl: 'https://shop.az/',
  label: undefined,
  theme: 'auto',
  showPrice: false,
}

/** Stubs the global fetch with a fake answering from `handler`. */
export function serve(handler: Parameters<typeof fakeFetch>[0]): FakeFetch {
  const fetch = fakeFetch(handler)
  vi.stubGlobal('fetch', fetch)
  return fetch
}

/** Every `portmanat:*` event dispatched on `host` that bubbles and is composed, as [type, detail]. */
export function recordEvents(host: Element): [string, unknown][] {
  const events: [string, unknown][] = []
  for (const type of ['success', 'pending', 'error', 'cancel'])
    document.addEventListener(`portmanat:${type}`, (event) => {
      if (event instanceof CustomEvent && event.target === host && event.bubbles && event.composed)
        events.push([type, event.detail])
    })
  return events
}

/** A host on the page with a checkout of `config` (a string: a misconfiguration). */
export function setup(
  config: Partial<Config> | string = {},
  options: { button?: boolean; callbacks?: Callbacks } = {},
) {
  const host = document.body.appendChild(document.createElement('div'))
  const read = () => (typeof config === 'string' ? config : { ...CONFIG, ...config })
  const checkout = mount(host, read, options.button ?? true, options.callbacks)
  checkout.paint()
  const root = host.shadowRoot as ShadowRoot
  // Testing Library queries any node with querySelectorAll; its types only say HTMLElement.
  const view = within(root as unknown as HTMLElement)
  return { host, root, view, checkout, events: recordEvents(host), active: () => root.activeElement }
}
