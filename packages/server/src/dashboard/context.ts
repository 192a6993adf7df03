/**
 * What the dashboard's routes share: the keys, the cookies, the operator's language and the
 * {@link View} of a request.
 */
import type { Locale } from '@portmanat-checkout/shared'
import { matchLocale } from '@portmanat-checkout/shared'
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { Services } from '../deps.ts'
import { ownOrigins } from '../http/origins.ts'
import { localeFromHeader } from '../pages/i18n.ts'
import type { Secret } from '../secret.ts'
import { DASHBOARD_STRINGS } from './i18n.ts'
import type { View } from './layout.tsx'
import { csrfToken, readSession, type Session, type SessionKeys, sessionKeys } from './session.ts'

export const SESSION_COOKIE = 'pc_session'
export const LOGIN_COOKIE = 'pc_login'
const LANG_COOKIE = 'pc_lang'
export const COOKIE_PATH = '/dashboard'

export interface Dashboard {
  s: Services
  password: Secret
  keys: SessionKeys
  /** Origins a form post may come from. */
  origins: string[]
  /** `Secure` cookies (PUBLIC_URL is https). */
  secure: boolean
}

/**
 * The dashboard app's context: past `requireSession`, the request's live session (checked once
 * per request, revocation included) for the guards and pages after it.
 */
export interface DashboardEnv {
  Variables: { session: Session }
}

export function dashboardOf(s: Services, password: Secret): Dashboard {
  return {
    s,
    password,
    keys: sessionKeys(password),
    origins: ownOrigins(s.config.publicUrl),
    secure: s.config.publicUrl.startsWith('https:'),
  }
}

/** The cookie attributes of the dashboard: only its own paths, never sent from another site. */
export const cookieOptions = (d: Dashboard, maxAgeSeconds?: number) => ({
  path: COOKIE_PATH,
  httpOnly: true,
  sameSite: 'Strict' as const,
  secure: d.secure,
  ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
})

/** The operator's language: the switcher's choice, else the browser's, else Azerbaijani. */
function localeOf(c: Context): Locale {
  return matchLocale(getCookie(c, LANG_COOKIE)) ?? localeFromHeader(c.req.header('accept-language')) ?? 'az'
}

/** Remembers a language picked in the switcher (a year; it is no secret). */
export function rememberLocale(c: Context, d: Dashboard, locale: Locale): void {
  setCookie(c, LANG_COOKIE, locale, cookieOptions(d, 365 * 24 * 3600))
}

/** The session the request's cookie carries, if it is ours, intact and not expired. */
const sessionOf = (c: Context, d: Dashboard): Session | null =>
  readSession(d.keys, getCookie(c, SESSION_COOKIE), d.s.clock())

/** {@link sessionOf}, unless that session was ended by logging out. */
export async function liveSessionOf(c: Context, d: Dashboard): Promise<Session | null> {
  const session = sessionOf(c, d)
  if (!session) return null
  return (await d.s.store.sessionRevoked(session.sid)) ? null : session
}

export function viewOf(c: Context, d: Dashboard, session: Session | null): View {
  return {
    s: DASHBOARD_STRINGS[localeOf(c)],
    mode: d.s.config.mode,
    csrf: session ? csrfToken(d.keys, session) : null,
    url: new URL(c.req.url),
  }
}

/** A path inside the dashboard to return to after signing in; anything else is the overview. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/dashboard'
  if (!/^\/dashboard(\/[^/\\]|[?#]|$)/.test(value) || /[\\\s]/.test(value)) return '/dashboard'
  return value.startsWith('/dashboard/login') ? '/dashboard' : value
}
