/**
 * Fixtures for the sandbox's own tests: a service, a fake clock, signed `/process` forms and a
 * reader for the forms of the sandbox's pages. Not exported by the package.
 */
import { createHmac } from 'node:crypto'
import { signingMessage } from '@portmanat-checkout/shared'
import { createSandbox } from './app.ts'
import type { SandboxOptions, SandboxService } from './types.ts'

export const SHOP: Required<SandboxService> = {
  service_id: '200002',
  secret: 'shop-secret-that-must-never-leak',
  title: 'Test shop <b>&</b>',
  callback_url: 'https://shop.example/api/callback',
  callback_method: 'GET',
  test: true,
}

export const BASE = 'http://sandbox.test'

/** A clock that moves only when told to. */
export function fakeClock(start = '2026-05-15T08:00:00Z') {
  let time = Date.parse(start)
  return { now: () => new Date(time), advance: (ms: number) => (time += ms) }
}

let counter = 0
/** A fresh client_rrn per call, so tests never collide. */
export const nextClientRrn = () =>
  `rrn${Date.now().toString(36)}${(counter++).toString(36)}`.padEnd(24, '0').slice(0, 24)

/** A `/process` form signed with `secret`; `overrides` replace fields after signing. */
export function processForm(
  fields: Partial<Record<'service_id' | 'client_rrn' | 'amount' | 'client_ip', string>> = {},
  overrides: Record<string, string> = {},
  secret = SHOP.secret,
): URLSearchParams {
  const base = {
    service_id: SHOP.service_id,
    client_rrn: nextClientRrn(),
    amount: '5.23',
    client_ip: '203.0.113.7',
    ...fields,
  }
  const hash = createHmac('sha256', secret).update(signingMessage(base)).digest('hex')
  return new URLSearchParams({ ...base, hash, ...overrides })
}

export const formPost = (
  body: URLSearchParams | string,
  headers: Record<string, string> = {},
): RequestInit => ({
  method: 'POST',
  body: body.toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
})

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** The forms of a sandbox page: action and hidden fields, in page order. */
export function formsOf(html: string): { action: string; fields: URLSearchParams }[] {
  return [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].map(
    ([, action = '', inner = '']) => {
      const fields = new URLSearchParams()
      for (const [, name = '', value = ''] of inner.matchAll(
        /<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
      )) {
        fields.set(name, decode(value))
      }
      return { action: decode(action), fields }
    },
  )
}

/** A sandbox with {@link SHOP}, a fake clock and a short pending delay. */
export function setup(options: SandboxOptions = {}) {
  const clock = fakeClock()
  const sandbox = createSandbox({ services: [SHOP], now: clock.now, pendingDelayMs: 60_000, ...options })
  const request = async (path: string, init?: RequestInit) => sandbox.app.request(`${BASE}${path}`, init)
  return { ...sandbox, clock, request }
}
