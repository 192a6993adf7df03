import { clientRrnFrom } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import type { Sender } from '../outbox/types.ts'
import type { NewOrder, Store } from '../store/types.ts'
import { storeFactories } from '../testing/engines.ts'
import { createHarness, type Harness } from '../testing/harness.ts'
import { DASHBOARD_ENV, operator } from './test-operator.ts'

/** A Saturday, 14:00 in Baku. */
const NOW = new Date('2026-11-28T10:00:00.000Z')
const bytes = (n: number) => crypto.getRandomValues(new Uint8Array(n))

const order = (overrides: Partial<NewOrder> = {}): NewOrder => ({
  client_rrn: clientRrnFrom(bytes),
  qepik: 500,
  item_id: 'premium',
  title: 'Premium plan',
  description: null,
  reference: null,
  return_url: null,
  locale: null,
  client_ip: null,
  idempotency_key: null,
  request_hash: null,
  order_token: null,
  livemode: false,
  ...overrides,
})

async function paidAt(store: Store, at: string, overrides: Partial<NewOrder> = {}) {
  const o = order(overrides)
  await store.insertOrder(o, new Date(at))
  await store.transition(o.client_rrn, { from: ['created'], to: 'paid' }, new Date(at))
  return o.client_rrn
}

/** The rows of the orders table: the reference of each, in order. */
const listed = (html: string) =>
  [...html.matchAll(/<a href="\/dashboard\/orders\/([a-z0-9]{24})"/g)].map((m) => m[1])

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')

describe.each(storeFactories)('dashboard pages on $name', (store) => {
  const signedIn = async (
    options: Parameters<typeof createHarness>[0] extends infer O ? Partial<O> : never = {},
  ) => {
    const h = await createHarness({
      store,
      env: { ...DASHBOARD_ENV, ...options.env },
      clock: () => NOW,
      ...options,
    })
    const op = operator(h)
    await op.signIn()
    return { h, op }
  }

  it('totals the paid orders of today, this week and this month in Baku time', async () => {
    const { h, op } = await signedIn()
    await paidAt(h.store, '2026-11-27T20:30:00.000Z', { qepik: 100 }) // Sat 00:30 in Baku: today
    await paidAt(h.store, '2026-11-27T19:59:00.000Z', { qepik: 200 }) // Fri 23:59 in Baku: this week
    await paidAt(h.store, '2026-11-22T21:00:00.000Z', { qepik: 400 }) // Mon 01:00 in Baku: this week
    await paidAt(h.store, '2026-11-22T19:00:00.000Z', { qepik: 800 }) // Sun 23:00: this month only
    await paidAt(h.store, '2026-10-31T19:00:00.000Z', { qepik: 1600 }) // Oct 31, 23:00 Baku: not this month
    await h.store.insertOrder(order({ qepik: 3200 }), new Date('2026-11-28T09:00:00.000Z')) // not paid
    await op.request('/dashboard?lang=en')
    const html = await op.html('/dashboard')
    const card = (id: string) => text(new RegExp(`id="total-${id}">(.*?)</a>`).exec(html)?.[1] ?? '')
    expect(card('today')).toBe(' Today ₼1.00 1 payment ')
    expect(card('week')).toBe(' This week ₼7.00 3 payments ')
    expect(card('month')).toBe(' This month ₼15.00 4 payments ')
    expect(html).toContain('sandbox payments, by Baku time')
  })

  it('counts only live orders in live mode, and marks sandbox orders with a badge', async () => {
    const { h, op } = await signedIn({ live: { test: false } })
    const live = await paidAt(h.store, '2026-11-28T09:00:00.000Z', { qepik: 1000, livemode: true })
    const sandbox = await paidAt(h.store, '2026-11-28T09:01:00.000Z', { qepik: 99_900, livemode: false })
    await op.request('/dashboard?lang=en')
    const html = await op.html('/dashboard')
    expect(text(/id="total-today">(.*?)<\/a>/.exec(html)?.[1] ?? '')).toBe(' Today ₼10.00 1 payment ')
    expect(html).toContain('Live payments only')
    const row = (rrn: string) => new RegExp(`${rrn}</a>.*?</tr>`).exec(html)?.[0] ?? ''
    expect(row(sandbox)).toContain('badge-sandbox')
    expect(row(live)).not.toContain('badge-sandbox')
    expect(html).not.toContain('class="dash-sandbox"')
  })

  it('lists orders newest first and pages through them with Older and Newer links', async () => {
    const { h, op } = await signedIn()
    const rrns: string[] = []
    for (let i = 0; i < 120; i++) {
      const o = order({ qepik: 100 + i })
      await h.store.insertOrder(o, new Date(NOW.getTime() - (120 - i) * 60_000))
      rrns.unshift(o.client_rrn)
    }
    const first = await op.html('/dashboard')
    expect(listed(first)).toEqual(rrns.slice(0, 50))
    expect(first).not.toContain('rel="prev"')
    const older = /href="(\/dashboard\?after=[^"]+)" rel="next"/.exec(first)?.[1]?.replaceAll('&amp;', '&')
    expect(older).toBeDefined()
    const second = await op.html(older ?? '')
    expect(listed(second)).toEqual(rrns.slice(50, 100))
    const third = await op.html(
      /href="(\/dashboard\?after=[^"]+)" rel="next"/.exec(second)?.[1]?.replaceAll('&amp;', '&') ?? '',
    )
    expect(listed(third)).toEqual(rrns.slice(100))
    expect(third).not.toContain('rel="next"')
    const newer = /href="(\/dashboard\?before=[^"]+)" rel="prev"/.exec(third)?.[1]?.replaceAll('&amp;', '&')
    expect(listed(await op.html(newer ?? ''))).toEqual(rrns.slice(50, 100))
  })

  it('filters by status, period and a reference, keeping the filter in the page links and the CSV link', async () => {
    const { h, op } = await signedIn()
    const paid = await paidAt(h.store, '2026-11-28T08:00:00.000Z')
    const yesterday = await paidAt(h.store, '2026-11-27T08:00:00.000Z')
    const created = order({ reference: 'INV-42' })
    await h.store.insertOrder(created, new Date('2026-11-28T09:00:00.000Z'))
    await h.store.recordAttempt(created.client_rrn, '1795736575-WJAs2H-+nBZzi-c7n=M5', NOW, {
      next_check_at: NOW.toISOString(),
      max: 5,
    })
    expect(listed(await op.html('/dashboard?status=paid'))).toEqual([paid, yesterday])
    expect(listed(await op.html('/dashboard?status=paid&from=2026-11-28&to=2026-11-28'))).toEqual([paid])
    expect(listed(await op.html('/dashboard?to=2026-11-27'))).toEqual([yesterday])
    expect(listed(await op.html(`/dashboard?q=${paid}`))).toEqual([paid])
    expect(listed(await op.html('/dashboard?q=INV-42'))).toEqual([created.client_rrn])
    const byPsp = await op.html(`/dashboard?q=${encodeURIComponent('1795736575-WJAs2H-+nBZzi-c7n=M5')}`)
    expect(listed(byPsp)).toEqual([created.client_rrn])
    expect(byPsp).toContain('value="1795736575-WJAs2H-+nBZzi-c7n=M5"')
    const filtered = await op.html('/dashboard?status=paid&from=2026-11-01')
    expect(filtered).toContain('href="/dashboard/orders.csv?status=paid&amp;from=2026-11-01"')
    expect(filtered).toMatch(/<option value="paid" selected="">/)
    // A value that is not valid is left out, and the page says so (never a 500).
    const odd = await op.request('/dashboard?status=bogus&from=2026-02-30&after=xyz')
    expect(odd.status).toBe(200)
    const oddHtml = await odd.text()
    expect(listed(oddHtml)).toHaveLength(3)
    expect(oddHtml).toContain('role="status"')
  })

  it('shows one order: its history, attempts and every delivery, with dead ones marked', async () => {
    let calls = 0
    const refuses: Sender = async () => {
      calls += 1
      return { ok: false, status_code: 500, error: 'HTTP 500: receiver down', permanent: calls === 1 }
    }
    const { h, op } = await signedIn({ senders: { webhook: refuses } })
    const bought = await h.buy('premium')
    await h.request(bought.callback)
    await h.outbox.runOnce()
    const html = await op.html(`/dashboard/orders/${bought.client_rrn}`)
    expect(html).toContain(bought.psp_rrn)
    expect(html).toMatch(/status-created.*→.*status-paid/s)
    expect(html).toContain('<tbody class="is-dead">')
    expect(html).toContain('order.paid')
    expect(html).toContain('HTTP 500: receiver down')
    expect(html).toMatch(/✕ 500/)
    expect(html).toMatch(/\d+ ms/)
    // The overview counts it and the dead list shows it with Resend.
    const overview = await op.html('/dashboard')
    expect(overview).toContain('class="dead-alert"')
    expect(text(overview)).toContain('1 bildiriş üç gün ərzində çatdırıla bilmədi.')
    const dead = await op.html('/dashboard/deliveries')
    expect(dead).toContain(`/dashboard/orders/${bought.client_rrn}#deliveries`)
    expect(dead).toContain('<tr class="is-dead">')
  })

  it('resends a delivery: due again now, the outbox woken, and delivered on the next pass', async () => {
    let up = false
    const sender: Sender = async () =>
      up
        ? { ok: true, status_code: 204 }
        : { ok: false, status_code: 503, error: 'HTTP 503', permanent: true }
    const { h, op } = await signedIn({ senders: { webhook: sender } })
    let woken = 0
    h.services.onOutboxWake(() => {
      woken += 1
    })
    const bought = await h.buy('premium')
    await h.request(bought.callback)
    await h.outbox.runOnce()
    const [message] = await h.store.messages(bought.client_rrn)
    expect(message?.status).toBe('dead')
    await op.html(`/dashboard/orders/${bought.client_rrn}`)
    up = true
    const before = woken
    const res = await op.post(`/dashboard/orders/${bought.client_rrn}/messages/${message?.id}/resend`, {
      csrf: op.csrf(),
      back: 'order',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/dashboard/orders/${bought.client_rrn}?done=resent#deliveries`)
    expect(woken).toBe(before + 1)
    expect((await h.store.getMessage(message?.id ?? ''))?.status).toBe('pending')
    await h.outbox.runOnce()
    expect((await h.store.getMessage(message?.id ?? ''))?.status).toBe('delivered')
    const page = await op.html(`/dashboard/orders/${bought.client_rrn}?done=resent`)
    expect(page).toContain('role="status"')
    expect(page).toMatch(/✓ 204/)
    // A message of another order, or none, is not found.
    const other = await h.buy('premium')
    expect(
      (
        await op.post(`/dashboard/orders/${other.client_rrn}/messages/${message?.id}/resend`, {
          csrf: op.csrf(),
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await op.post(`/dashboard/orders/${other.client_rrn}/messages/msg_nothing/resend`, {
          csrf: op.csrf(),
        })
      ).status,
    ).toBe(404)
  })

  it('rechecks a pending order with the PSP now: paid once the bank settles', async () => {
    const { h, op } = await signedIn()
    const bought = await h.buy('premium', '4000000000000077')
    await h.request(bought.callback)
    expect((await h.store.getOrder(bought.client_rrn))?.status).toBe('pending')
    h.sandbox.control.settle({ client_rrn: bought.client_rrn }, 'paid')
    await op.html(`/dashboard/orders/${bought.client_rrn}`)
    const res = await op.post(`/dashboard/orders/${bought.client_rrn}/recheck`, { csrf: op.csrf() })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(
      `/dashboard/orders/${bought.client_rrn}?done=rechecked&asked=1#attempts`,
    )
    expect((await h.store.getOrder(bought.client_rrn))?.status).toBe('paid')
    const page = text(await op.html(`/dashboard/orders/${bought.client_rrn}?done=rechecked&asked=1`))
    expect(page).toContain('PSP-dən 1 nömrə soruşuldu. Sifarişin vəziyyəti: Ödənilib.')
  })

  it('says there is nothing to ask when the buyer never came back from the PSP', async () => {
    const { h, op } = await signedIn()
    const res = await h.checkout({ item: 'premium' })
    const { client_rrn } = (await res.json()) as { client_rrn: string }
    const html = await op.html(`/dashboard/orders/${client_rrn}`)
    expect(text(html)).toContain('Alıcı hələ PSP-dən qayıtmayıb')
    const recheck = await op.post(`/dashboard/orders/${client_rrn}/recheck`, { csrf: op.csrf() })
    expect(recheck.headers.get('location')).toBe(`/dashboard/orders/${client_rrn}?done=nothing#attempts`)
    expect((await h.store.getOrder(client_rrn))?.status).toBe('created')
  })

  it('answers 404 for an order that does not exist or a malformed reference', async () => {
    const { op } = await signedIn()
    expect((await op.request('/dashboard/orders/aaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404)
    expect((await op.request('/dashboard/orders/..%2f..%2fetc')).status).toBe(404)
    expect((await op.request('/dashboard/nothing-here')).status).toBe(404)
  })

  it('makes a payment link for an amount and title of the operator’s choice', async () => {
    const { h, op } = await signedIn()
    const form = await op.html('/dashboard/links/new')
    expect(form).toContain('<label for="link-amount">')
    const bad = await op.post('/dashboard/links', { csrf: op.csrf(), amount: '12.345', title: '' })
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(badHtml).toContain('id="link-amount" name="amount"')
    expect(badHtml).toMatch(/aria-invalid="true"/)
    expect(badHtml).toContain('href="#link-amount"')
    expect(badHtml).toContain('href="#link-title"')
    expect(badHtml).toContain('value="12.345"')
    const res = await op.post('/dashboard/links', {
      csrf: op.csrf(),
      amount: '12,50',
      title: 'Toy qonaqlığı — depozit',
      description: '',
      reference: 'INV-2026-7',
    })
    expect(res.status).toBe(303)
    const location = res.headers.get('location') ?? ''
    const rrn = /\/dashboard\/orders\/([a-z0-9]{24})\?done=link$/.exec(location)?.[1] ?? ''
    const stored = await h.store.getOrder(rrn)
    expect(stored).toMatchObject({
      qepik: 1250,
      title: 'Toy qonaqlığı — depozit',
      reference: 'INV-2026-7',
      status: 'created',
    })
    const page = await op.html(location)
    const payUrl = `${h.config.publicUrl}/pay/o/${stored?.order_token}`
    expect(page).toContain(`value="${payUrl}"`)
    expect(page).toContain('Link hazırdır.')
    expect(h.records().some((r) => r.event === 'order.created_by_merchant' && r.via === 'dashboard')).toBe(
      true,
    )
  })

  it('speaks the browser’s language, and the switcher’s choice after that', async () => {
    const { h, op } = await signedIn()
    const ru = await op.request('/dashboard', { headers: { 'accept-language': 'ru-RU,ru;q=0.9' } })
    expect(await ru.text()).toContain('<html lang="ru">')
    const switched = await op.request('/dashboard?status=paid&lang=en')
    expect(switched.status).toBe(303)
    expect(switched.headers.get('location')).toBe('/dashboard?status=paid')
    expect(op.setCookies.at(-1)).toMatch(
      /^pc_lang=en; Max-Age=\d+; Path=\/dashboard; HttpOnly; SameSite=Strict/,
    )
    const en = await op.request('/dashboard', { headers: { 'accept-language': 'ru' } })
    expect(await en.text()).toContain('<html lang="en">')
    const login = await operator(h).request('/dashboard/login', { headers: { 'accept-language': 'ru' } })
    expect(await login.text()).toContain('Введите пароль панели')
  })

  it('serves every page under the strict CSP, uncached, with no inline script or style', async () => {
    const { h, op } = await signedIn()
    const bought = await h.buy('premium')
    for (const path of [
      '/dashboard',
      `/dashboard/orders/${bought.client_rrn}`,
      '/dashboard/deliveries',
      '/dashboard/links/new',
    ]) {
      const res = await op.request(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(res.headers.get('content-security-policy')).toContain("style-src 'self'")
      expect(res.headers.get('cache-control')).toBe('no-store')
      const html = await res.text()
      expect(html).not.toMatch(/<script|\sstyle=|<style|\son[a-z]+=/i)
      expect(html).toContain('<link rel="stylesheet" href="/assets/portmanat.css"/>')
    }
    const login = await operator(h).request('/dashboard/login')
    expect(login.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })
})

export type { Harness }
