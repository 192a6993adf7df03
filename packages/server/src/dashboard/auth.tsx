/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Signing in and out, and the two guards in front of everything else: a valid session for every
 * request (a sign-in redirect otherwise, whatever was asked for — a page or the CSV), and for every
 * form post the session's CSRF token plus a same-origin check of `Sec-Fetch-Site` and `Origin`.
 * Failed sign-ins are limited per client IP (hono-rate-limiter; successful ones do not count).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { rateLimiter } from 'hono-rate-limiter'
import { RANDOM_ID } from '../hmac.ts'
import { clientIp } from '../http/client-ip.ts'
import { formFields } from '../http/form-fields.ts'
import { foreignRequest } from '../http/same-origin.ts'
import { sendDocument } from '../pages/document.tsx'
import { sameKey } from '../routes/orders.ts'
import {
  COOKIE_PATH,
  cookieOptions,
  type Dashboard,
  type DashboardEnv,
  LOGIN_COOKIE,
  liveSessionOf,
  SESSION_COOKIE,
  safeNext,
  viewOf,
} from './context.ts'
import { ForbiddenPage, LoginPage } from './login-page.tsx'
import {
  issueSession,
  LOGIN_FORM_TTL_MS,
  loginFormToken,
  loginNonce,
  SESSION_TTL_MS,
  validCsrf,
  validLoginForm,
} from './session.ts'

export interface LoginLimit {
  /** Failed sign-ins allowed per client IP in the window. @default 5 */
  limit?: number
  /** @default 15 minutes */
  windowMs?: number
}

function loginPage(
  c: Context,
  d: Dashboard,
  {
    status = 200,
    error = null,
    notice = null,
    next = '/dashboard',
  }: { status?: 200 | 401 | 403 | 429; error?: string | null; notice?: string | null; next?: string } = {},
  headers: Record<string, string> = {},
) {
  const existing = getCookie(c, LOGIN_COOKIE)
  const nonce = existing && RANDOM_ID.test(existing) ? existing : loginNonce(d.s.random)
  setCookie(c, LOGIN_COOKIE, nonce, cookieOptions(d, LOGIN_FORM_TTL_MS / 1000))
  const view = viewOf(c, d, null)
  const formToken = loginFormToken(d.keys, nonce, d.s.clock())
  return sendDocument(
    c,
    d.s.config.pspUrl,
    <LoginPage view={view} formToken={formToken} next={next} error={error} notice={notice} />,
    status,
    headers,
  )
}

/** Mounts `GET|POST /login` and `POST /logout` on the dashboard's app. */
export function authRoutes(
  app: Hono<DashboardEnv>,
  d: Dashboard,
  { limit = 5, windowMs = 15 * 60_000 }: LoginLimit = {},
) {
  const { s } = d
  const ipOf = (c: Context) => clientIp(c, s.remoteAddress, s.config.trustProxy) ?? 'unknown'

  app.get('/login', async (c) => {
    if (await liveSessionOf(c, d)) return c.redirect('/dashboard', 303)
    const view = viewOf(c, d, null)
    return loginPage(c, d, {
      next: safeNext(c.req.query('next')),
      notice: c.req.query('bye') === '1' ? view.s.signedOut : null,
    })
  })

  app.post(
    '/login',
    rateLimiter({
      windowMs,
      limit,
      standardHeaders: 'draft-6',
      skipSuccessfulRequests: true,
      keyGenerator: ipOf,
      handler: (c) => {
        const minutes = Math.ceil(windowMs / 60_000)
        s.logger.warn(
          { event: 'dashboard.login_limited', client_ip: ipOf(c) },
          'dashboard sign-ins rate-limited',
        )
        return loginPage(
          c,
          d,
          { status: 429, error: viewOf(c, d, null).s.tooManyAttempts(minutes) },
          { 'Retry-After': String(Math.ceil(windowMs / 1000)) },
        )
      },
    }),
    async (c) => {
      const view = viewOf(c, d, null)
      const body = await formFields(c)
      const next = safeNext(body.next)
      const foreign = foreignRequest(c, d.origins)
      if (foreign || !validLoginForm(d.keys, getCookie(c, LOGIN_COOKIE), body.form, s.clock())) {
        s.logger.warn(
          { event: 'dashboard.login_form_refused', client_ip: ipOf(c), why: foreign ?? 'form token' },
          'dashboard sign-in form refused',
        )
        return loginPage(c, d, { status: 403, error: view.s.formExpired, next })
      }
      const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : ''
      if (!sameKey(password, d.password)) {
        s.logger.warn(
          { event: 'dashboard.login_failed', client_ip: ipOf(c) },
          'dashboard sign-in: wrong password',
        )
        return loginPage(c, d, { status: 401, error: view.s.wrongPassword, next })
      }
      setCookie(
        c,
        SESSION_COOKIE,
        issueSession(d.keys, s.random, s.clock()),
        cookieOptions(d, SESSION_TTL_MS / 1000),
      )
      deleteCookie(c, LOGIN_COOKIE, { path: COOKIE_PATH, secure: d.secure })
      s.logger.info({ event: 'dashboard.login', client_ip: ipOf(c) }, 'dashboard sign-in')
      return c.redirect(next, 303)
    },
  )
}

/** Every request past this needs a session; without one, the sign-in page (then back here). */
export const requireSession =
  (d: Dashboard): MiddlewareHandler<DashboardEnv> =>
  async (c, next) => {
    const session = await liveSessionOf(c, d)
    if (session) {
      c.set('session', session)
      return next()
    }
    const url = new URL(c.req.url)
    const back = c.req.method === 'GET' ? safeNext(`${url.pathname}${url.search}`) : '/dashboard'
    const target =
      back === '/dashboard' ? '/dashboard/login' : `/dashboard/login?next=${encodeURIComponent(back)}`
    return c.redirect(target, 303)
  }

/** Every form post must carry the session's token and come from one of our own pages. */
export const requireCsrf =
  (d: Dashboard): MiddlewareHandler<DashboardEnv> =>
  async (c, next) => {
    if (c.req.method !== 'POST') return next()
    const session = c.get('session')
    const body = await formFields(c)
    const foreign = foreignRequest(c, d.origins)
    if (!foreign && validCsrf(d.keys, session, body.csrf)) return next()
    d.s.logger.warn(
      { event: 'dashboard.csrf_refused', path: c.req.path, why: foreign ?? 'csrf token' },
      'dashboard form refused',
    )
    return sendDocument(c, d.s.config.pspUrl, <ForbiddenPage view={viewOf(c, d, session)} />, 403)
  }

/**
 * `POST /logout`: the session is remembered as ended until it would have expired (so a copy of
 * its cookie no longer works, on any instance), and the cookie is cleared.
 */
export function logoutRoute(app: Hono<DashboardEnv>, d: Dashboard) {
  app.post('/logout', async (c) => {
    const session = c.get('session')
    await d.s.store.revokeSession(session.sid, new Date(session.expires), d.s.clock())
    deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, secure: d.secure })
    d.s.logger.info({ event: 'dashboard.logout' }, 'dashboard sign-out')
    return c.redirect('/dashboard/login?bye=1', 303)
  })
}
