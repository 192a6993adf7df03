/**
 * Places a `<portmanat-checkout>` on the page with the fetch it talks to stubbed: tests drive it
 * through the DOM the buyer sees (roles and names) and read its events. The modal comes from a
 * dynamic import here (as in the ES module build), so it appears a moment after a click: tests
 * wait for it with `findBy…`.
 */
import { within } from '@testing-library/preact'
import { vi } from 'vitest'
import { define } from '../define.ts'
import type { OptionName } from '../options.ts'
import { resetReturnClaim } from '../return-params.ts'
import { ENDPOINT, type FakeFetch, fakeFetch } from './fake-server.ts'

/** The attributes every test starts from. */
export const ATTRIBUTES: Partial<Record<OptionName, string>> = {
  item: 'premium',
  endpoint: ENDPOINT,
  locale: 'en',
  'return-url': 'https://shop.az/',
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

/** A view of a shadow root (Testing Library queries any node; its types only say HTMLElement). */
export const inside = (root: ShadowRoot | null | undefined) => within(root as unknown as HTMLElement)

/**
 * A `<portmanat-checkout>` with the {@link ATTRIBUTES} and `attributes` (undefined removes one),
 * placed on the page. With `returnTo`, the page is first the return of that payment.
 */
export function setup(
  attributes: Partial<Record<OptionName, string | undefined>> = {},
  { returnTo }: { returnTo?: [status: string, clientRrn: string] } = {},
) {
  define()
  if (returnTo) {
    resetReturnClaim()
    history.replaceState(null, '', `/shop?portmanat_status=${returnTo[0]}&client_rrn=${returnTo[1]}`)
  }
  const host = document.createElement('portmanat-checkout')
  for (const [name, value] of Object.entries({ ...ATTRIBUTES, ...attributes }))
    if (value !== undefined) host.setAttribute(name, value)
  const events = recordEvents(host)
  document.body.append(host)
  const root = host.shadowRoot as ShadowRoot
  return { host, root, view: inside(root), events, active: () => root.activeElement }
}
