import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness, PUBLIC_URL } from '../testing/harness.ts'
import { SESSION_TTL_MS } from './session.ts'
import { DASHBOARD_ENV, hiddenField, operator, PASSWORD } from './test-operator.ts'

const [sqlite] = storeFactories
const copiedSid = (cookie: string) => cookie.split('.')[1] ?? ''
if (!sqlite) throw new Error('no store')

describe('dashboard sign-in, session and CSRF', () => {
  it('is not there at all without DASHBOARD_PASSWORD', async () => {
    const h = await createHarness({ store: sqlite })
    for (const path of ['/dashboard', '/dashboard/login', '/dashboard/orders.csv']) {
      expect((await h.request(path)).status, path).toBe(404)
    }
  })

  it('shows nothing without a session: pages, the order page and the CSV all go to the sign-in page', async () => {
    const h = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const { client_rrn } = await h.buy('premium')
    for (const path of [
      '/dashboard',
      `/dashboard/orders/${client_rrn}`,
      '/dashboard/orders.csv?status=paid',
      '/dashboard/deliveries',
      '/dashboard/links/new',
    ]) {
      const res = await h.request(path)
      expect(res.status, path).toBe(303)
      const location = res.headers.get('location') ?? ''
      expect(location).toMatch(/^\/dashboard\/login/)
      expect(await res.text()).not.toContain(client_rrn)
    }
    const back = await h.request(`/dashboard/orders/${client_rrn}`)
    expect(back.headers.get('location')).toBe(
      `/dashboard/login?next=${encodeURIComponent(`/dashboard/orders/${client_rrn}`)}`,
    )
    // A form post without a session does nothing and goes to the sign-in page.
    const post = await h.request(`/dashboard/orders/${client_rrn}/recheck`, { method: 'POST' })
    expect(post.status).toBe(303)
    expect(post.headers.get('location')).toBe('/dashboard/login')
  })

  it('signs in with the password, with a cookie that is HttpOnly, SameSite=Strict and only for /dashboard', async () => {
    const h = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const op = operator(h)
    const res = await op.signIn()
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/dashboard')
    const line = op.setCookies.find((l) => l.startsWith('pc_session=')) ?? ''
    expect(line).toMatch(/HttpOnly/)
    expect(line).toMatch(/SameSite=Strict/)
    expect(line).toMatch(/Path=\/dashboard(;|$)/)
    expect(line).toMatch(new RegExp(`Max-Age=${SESSION_TTL_MS / 1000}`))
    // Plain http on loopback: a Secure cookie would never come back.
    expect(line).not.toMatch(/Secure/)
    expect((await op.request('/dashboard')).status).toBe(200)
  })

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const h = await createHarness({
      store: sqlite,
      env: { ...DASHBOARD_ENV, PUBLIC_URL: 'https://pay.example.az', PORTMANAT_MODE: 'sandbox' },
    })
    const op = operator(h)
    const page = await op.request('/dashboard/login')
    const form = hiddenField(await page.text(), 'form') ?? ''
    const res = await op.post(
      '/dashboard/login',
      { form, password: PASSWORD },
      { origin: 'https://pay.example.az', 'sec-fetch-site': 'same-origin' },
    )
    expect(res.status).toBe(303)
    expect(op.setCookies.find((l) => l.startsWith('pc_session=')) ?? '').toMatch(/; Secure/)
    expect(op.setCookies.find((l) => l.startsWith('pc_login=')) ?? '').toMatch(/; Secure/)
  })

  it('refuses a wrong password with 401 and sets no session', async () => {
    const h = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const op = operator(h)
    const res = await op.signIn(`${PASSWORD}x`)
    expect(res.status).toBe(401)
    expect(await res.text()).toContain('Şifrə yanlışdır.')
    expect(op.cookies.has('pc_session')).toBe(false)
    expect((await op.request('/dashboard')).status).toBe(303)
    expect(h.records().some((r) => r.event === 'dashboard.login_failed')).toBe(true)
    expect(h.lines.join('\n')).not.toContain(PASSWORD)
  })

  it('limits failed sign-ins per client IP; a right password does not count', async () => {
    const h = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const op = operator(h)
    expect((await op.signIn()).status).toBe(303)
    const other = operator(h)
    for (let i = 0; i < 5; i++) expect((await other.signIn('wrong password!!')).status).toBe(401)
    const limited = await other.signIn(PASSWORD)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('900')
    expect(await limited.text()).toContain('Çox sayda uğursuz cəhd')
    expect(other.cookies.has('pc_session')).toBe(false)
  })

  it('refuses a sign-in form that was not ours (no nonce cookie, a forged token, another site)', async () => {
    const h = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const op = operator(h)
    const page = await op.request('/dashboard/login')
    const form = hiddenField(await page.text(), 'form') ?? ''
    const fresh = operator(h) // no pc_login cookie
    expect((await fresh.post('/dashboard/login', { form, password: PASSWORD })).status).toBe(403)
    expect((await op.post('/dashboard/login', { form: `${form}x`, password: PASSWORD })).status).toBe(403)
    expect(
      (await op.post('/dashboard/login', { form, password: PASSWORD }, { origin: 'https://evil.example' }))
        .status,
    ).toBe(403)
    expect(
      (await op.post('/dashboard/login', { form, password: PASSWORD }, { 'sec-fetch-site': 'cross-site' }))
        .status,
    ).toBe(403)
    expect(op.cookies.has('pc_session')).toBe(false)
    expect((await op.post('/dashboard/login', { form, password: PASSWORD })).status).toBe(303)
  })

  it('refuses a sign-in whose body is no readable form (a broken multipart was a 500)', async () => {
    const h = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const op = operator(h)
    await op.request('/dashboard/login')
    const broken = { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: '{}' }
    expect((await op.request('/dashboard/login', broken)).status).toBe(403)
    expect(op.cookies.has('pc_session')).toBe(false)
  })

  it('refuses every form without the session’s CSRF token, with a wrong one, or from another site: 403', async () => {
    const h = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const { client_rrn } = await h.buy('premium', '4000000000000077')
    const op = operator(h)
    await op.signIn()
    const csrf = op.csrf()
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const forms: [string, Record<string, string>][] = [
      [`/dashboard/orders/${client_rrn}/recheck`, {}],
      ['/dashboard/links', { amount: '1.00', title: 'x' }],
      ['/dashboard/logout', {}],
    ]
    for (const [path, fields] of forms) {
      expect((await op.post(path, fields)).status, `${path} without a token`).toBe(403)
      expect((await op.post(path, { ...fields, csrf: `${csrf.slice(1)}A` })).status, `${path} wrong`).toBe(
        403,
      )
      expect(
        (await op.post(path, { ...fields, csrf }, { origin: 'https://shop.example.az' })).status,
        `${path} from another origin`,
      ).toBe(403)
      expect(
        (await op.post(path, { ...fields, csrf }, { 'sec-fetch-site': 'same-site' })).status,
        `${path} from a sibling site`,
      ).toBe(403)
    }
    // A body that is no readable form (a broken multipart) was a 500.
    const broken = { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: '{}' }
    expect((await op.request('/dashboard/links', broken)).status).toBe(403)
    // Another session's token is not this session's.
    const second = operator(h)
    await second.signIn()
    expect(second.csrf()).not.toBe(csrf)
    expect(
      (await op.post('/dashboard/links', { amount: '1.00', title: 'x', csrf: second.csrf() })).status,
    ).toBe(403)
    expect(h.records().filter((r) => r.event === 'dashboard.csrf_refused').length).toBeGreaterThan(10)
    // With the token, from our own page, the same form works.
    const ok = await op.post(
      '/dashboard/links',
      { amount: '1.00', title: 'x', csrf },
      { origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' },
    )
    expect(ok.status).toBe(303)
  })

  it('logs out: the cookie is cleared and the dashboard asks for the password again', async () => {
    const h = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const op = operator(h)
    await op.signIn()
    const res = await op.post('/dashboard/logout', { csrf: op.csrf() })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/dashboard/login?bye=1')
    expect(op.setCookies.at(-1)).toMatch(/^pc_session=; Max-Age=0; Path=\/dashboard/)
    expect((await op.request('/dashboard')).status).toBe(303)
  })

  it.each(storeFactories)(
    'ends the session on the server at logout: a copy of the cookie no longer works ($name)',
    async (store) => {
      let now = new Date('2026-11-28T08:00:00.000Z')
      const h = await createHarness({ store, env: DASHBOARD_ENV, clock: () => now })
      const op = operator(h)
      await op.signIn()
      const copied = `pc_session=${op.cookies.get('pc_session')}`
      expect((await h.request('/dashboard', { headers: { cookie: copied } })).status).toBe(200)
      await op.post('/dashboard/logout', { csrf: op.csrf() })
      const res = await h.request('/dashboard', { headers: { cookie: copied } })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/dashboard/login')
      // The sign-in page does not send an ended session back to the dashboard.
      expect((await h.request('/dashboard/login', { headers: { cookie: copied } })).status).toBe(200)
      // Another session, signed in afterwards, is not affected.
      const again = operator(h)
      await again.signIn()
      expect((await again.request('/dashboard')).status).toBe(200)
      // The ended session is forgotten once it would have expired anyway.
      now = new Date(now.getTime() + SESSION_TTL_MS + 1000)
      await again.signIn()
      await again.post('/dashboard/logout', { csrf: again.csrf() })
      expect(await h.store.sessionRevoked(copiedSid(copied))).toBe(false)
    },
  )

  it('ends a session when it expires, and when the password changes', async () => {
    let now = new Date('2026-11-28T08:00:00.000Z')
    const h = await createHarness({ store: sqlite, env: DASHBOARD_ENV, clock: () => now })
    const op = operator(h)
    await op.signIn()
    now = new Date(now.getTime() + SESSION_TTL_MS - 1000)
    expect((await op.request('/dashboard')).status).toBe(200)
    now = new Date(now.getTime() + 2000)
    expect((await op.request('/dashboard')).status).toBe(303)

    const before = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const other = operator(before)
    await other.signIn()
    const changed = await createHarness({
      store: sqlite,
      env: { DASHBOARD_PASSWORD: 'another long passphrase' },
    })
    const session = other.cookies.get('pc_session') ?? ''
    const res = await changed.request('/dashboard', { headers: { cookie: `pc_session=${session}` } })
    expect(res.status).toBe(303)
  })

  it('accepts a session made by another instance with the same password (several servers, one database)', async () => {
    const first = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const second = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const op = operator(first)
    await op.signIn()
    const res = await second.request('/dashboard', {
      headers: { cookie: `pc_session=${op.cookies.get('pc_session')}` },
    })
    expect(res.status).toBe(200)
  })

  it('goes back to the page asked for after signing in, but never off the dashboard', async () => {
    const h = await createHarness({ store: sqlite, env: DASHBOARD_ENV })
    const op = operator(h)
    const page = await op.request('/dashboard/login?next=%2Fdashboard%2Fdeliveries')
    const html = await page.text()
    expect(hiddenField(html, 'next')).toBe('/dashboard/deliveries')
    const form = hiddenField(html, 'form') ?? ''
    const res = await op.post('/dashboard/login', { form, password: PASSWORD, next: '/dashboard/deliveries' })
    expect(res.headers.get('location')).toBe('/dashboard/deliveries')
    for (const next of [
      '//evil.example',
      'https://evil.example/dashboard',
      '/dashboardx',
      '/dashboard/\\evil',
    ]) {
      const again = operator(h)
      const p = await again.request('/dashboard/login')
      const f = hiddenField(await p.text(), 'form') ?? ''
      const r = await again.post('/dashboard/login', { form: f, password: PASSWORD, next })
      expect(r.headers.get('location'), next).toBe('/dashboard')
    }
  })
})
