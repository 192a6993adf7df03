/**
 * An operator for the dashboard's tests: a cookie jar, signing in through the real form, and the
 * CSRF token read from the page as a browser would have it.
 */
import { expect } from 'vitest'
import type { Harness } from '../testing/harness.ts'

export const PASSWORD = 'correct horse battery staple'
export const DASHBOARD_ENV = { DASHBOARD_PASSWORD: PASSWORD }

/** The value of a hidden input named `name` in an HTML page. */
export function hiddenField(html: string, name: string): string | undefined {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1]
}

export interface Operator {
  /** A request with the jar's cookies; `Set-Cookie` answers go into the jar. */
  request(path: string, init?: RequestInit): Promise<Response>
  /** A form post with the jar's cookies (and `csrf` from the last page unless given). */
  post(path: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>
  cookies: Map<string, string>
  /** Every `Set-Cookie` line seen, as sent. */
  setCookies: string[]
  signIn(password?: string): Promise<Response>
  /** The CSRF token of the last page that had one. */
  csrf(): string
  html(path: string): Promise<string>
}

export function operator(h: Harness): Operator {
  const cookies = new Map<string, string>()
  const setCookies: string[] = []
  let lastCsrf = ''

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (cookies.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    }
    const res = await h.request(path, { ...init, headers })
    for (const line of res.headers.getSetCookie()) {
      setCookies.push(line)
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      if (/max-age=0/i.test(line) || value === '') cookies.delete(name)
      else cookies.set(name, value)
    }
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
      const token = hiddenField(await res.clone().text(), 'csrf')
      if (token) lastCsrf = token
    }
    return res
  }

  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    })

  return {
    request,
    post,
    cookies,
    setCookies,
    csrf: () => lastCsrf,
    async html(path) {
      const res = await request(path)
      expect(res.status, `${path} → ${res.status}`).toBe(200)
      return res.text()
    },
    async signIn(password = PASSWORD) {
      const page = await request('/dashboard/login')
      const form = hiddenField(await page.text(), 'form') ?? ''
      const res = await post('/dashboard/login', { form, password, next: '/dashboard' })
      if (res.status === 303) await request('/dashboard')
      return res
    },
  }
}
