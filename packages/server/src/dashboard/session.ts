/**
 * The operator's session, signed rather than stored: a cookie `v1.{sid}.{expires}.{mac}` whose MAC
 * is an HMAC-SHA256 under a key derived from `DASHBOARD_PASSWORD` (HKDF, labelled for this one
 * use). Every instance on one database derives the same key, so they accept each other's sessions
 * without a table of sessions; changing the password ends every session. The CSRF token of a session
 * is an HMAC of its `sid` under a second derived key, so a form's token is bound to the session
 * that rendered it.
 *
 * Logging out clears the cookie in the browser and ends the session on the server: its `sid` is
 * kept in the store (`revoked_sessions`) until it would have expired ({@link SESSION_TTL_MS}), so
 * a copy of the cookie stops working too.
 */
import { deriveKey, mac, RANDOM_ID, randomId, sameMac } from '../hmac.ts'
import type { Secret } from '../secret.ts'

/** How long a session lasts from the login (absolute, not renewed): a working day. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000

/** How long a login form stays valid. */
export const LOGIN_FORM_TTL_MS = 60 * 60 * 1000

export interface SessionKeys {
  session: Buffer
  csrf: Buffer
  login: Buffer
}

const derive = (password: Secret, purpose: string) => deriveKey(password, `dashboard ${purpose} v1`)

/** The keys of the dashboard, each for one purpose. */
export const sessionKeys = (password: Secret): SessionKeys => ({
  session: derive(password, 'session'),
  csrf: derive(password, 'csrf'),
  login: derive(password, 'login form'),
})

export interface Session {
  /** 128 random bits, base64url. */
  sid: string
  /** Epoch milliseconds. */
  expires: number
}

/** A new session's cookie value. */
export function issueSession(keys: SessionKeys, random: (n: number) => Uint8Array, now: Date): string {
  const sid = randomId(random)
  const body = `v1.${sid}.${now.getTime() + SESSION_TTL_MS}`
  return `${body}.${mac(keys.session, body)}`
}

/** The session a cookie value carries, if it is ours, intact and not expired. */
export function readSession(keys: SessionKeys, value: string | undefined, now: Date): Session | null {
  if (!value || value.length > 200) return null
  const parts = value.split('.')
  if (parts.length !== 4) return null
  const [version, sid = '', expires = '', given = ''] = parts
  if (version !== 'v1' || !RANDOM_ID.test(sid) || !/^\d{1,15}$/.test(expires)) return null
  if (!sameMac(given, mac(keys.session, `v1.${sid}.${expires}`))) return null
  const until = Number(expires)
  if (until <= now.getTime()) return null
  return { sid, expires: until }
}

/** The CSRF token of a session's forms. */
export const csrfToken = (keys: SessionKeys, session: Session) => mac(keys.csrf, `csrf.${session.sid}`)

/** Whether a form's token is the session's own. */
export const validCsrf = (keys: SessionKeys, session: Session, given: unknown) =>
  typeof given === 'string' && sameMac(given, csrfToken(keys, session))

/**
 * The login form has no session to bind to, so it is bound to a random nonce kept in a
 * `SameSite=Strict` cookie: the form carries `{expires}.{mac(nonce, expires)}`, which a page on
 * another site can neither read nor make.
 */
export function loginFormToken(keys: SessionKeys, nonce: string, now: Date): string {
  const expires = now.getTime() + LOGIN_FORM_TTL_MS
  return `${expires}.${mac(keys.login, `login.${nonce}.${expires}`)}`
}

export function validLoginForm(keys: SessionKeys, nonce: string | undefined, given: unknown, now: Date) {
  if (!nonce || !RANDOM_ID.test(nonce) || typeof given !== 'string') return false
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(given)
  if (!match?.[1] || !match[2]) return false
  return Number(match[1]) > now.getTime() && sameMac(match[2], mac(keys.login, `login.${nonce}.${match[1]}`))
}

/** A fresh nonce for the login form's cookie. */
export const loginNonce = randomId
