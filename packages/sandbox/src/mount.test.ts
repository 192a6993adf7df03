/**
 * The signing server mounts the sandbox at /sandbox: every link, form action and asset URL
 * must carry the prefix, and the whole walk must work through the parent app.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createSandbox } from './app.ts'
import { DEMO_SERVICE } from './services.ts'
import { fakeClock, formPost, formsOf, processForm } from './test-support.ts'

const PUBLIC_URL = 'http://127.0.0.1:8787'

function mounted() {
  const clock = fakeClock()
  const sandbox = createSandbox({
    basePath: '/sandbox',
    services: [{ ...DEMO_SERVICE, callback_url: `${PUBLIC_URL}/api/callback` }],
    now: clock.now,
  })
  const parent = new Hono()
  parent.get('/api/callback', (c) => c.text('callback'))
  parent.route('/sandbox', sandbox.app)
  const request = async (path: string, init?: RequestInit) => parent.request(`${PUBLIC_URL}${path}`, init)
  return { ...sandbox, request }
}

const demoForm = () =>
  processForm({ service_id: DEMO_SERVICE.service_id, amount: '3.00' }, {}, DEMO_SERVICE.secret)

describe('mounted under /sandbox', () => {
  it('walks the whole flow with prefixed links', async () => {
    const { request } = mounted()
    const checkPage = await request('/sandbox/process', formPost(demoForm()))
    expect(checkPage.status).toBe(200)
    const html = await checkPage.text()
    expect(html).toContain('href="/sandbox/assets/sandbox.css"')
    const [next, cancel] = formsOf(html)
    expect(next?.action).toBe('/sandbox/process/continue')
    expect(cancel?.action).toBe('/sandbox/process/cancel')

    const toBank = await request(next?.action ?? '', formPost(next?.fields ?? ''))
    expect(toBank.headers.get('location')).toMatch(/^\/sandbox\/bank\?/)
    const bank = await (await request(toBank.headers.get('location') ?? '')).text()
    const [cardForm, bankCancel] = formsOf(bank)
    expect(cardForm?.action).toBe('/sandbox/bank')
    expect(bankCancel?.action).toBe('/sandbox/process/cancel')

    const fields = new URLSearchParams(cardForm?.fields)
    fields.set('number', '4242424242424242')
    fields.set('expiry', '12/30')
    fields.set('cvv', '000')
    const done = await request('/sandbox/bank', formPost(fields))
    const callback = new URL(done.headers.get('location') ?? '')
    expect(`${callback.origin}${callback.pathname}`).toBe(`${PUBLIC_URL}/api/callback`)

    const check = await request(
      '/sandbox/check',
      formPost(new URLSearchParams({ psp_rrn: callback.searchParams.get('psp_rrn') ?? '' })),
    )
    expect(await check.json()).toMatchObject({ status: 'OK', code: '0', body: { amount: '3.00' } })
  })

  it('serves its assets and controls under the prefix', async () => {
    const { request } = mounted()
    expect((await request('/sandbox/assets/sandbox.css')).headers.get('content-type')).toContain('text/css')
    expect(await (await request('/sandbox/_sandbox/payments')).json()).toEqual({ payments: [] })
    expect((await request('/process', formPost(demoForm()))).status).toBe(404)
  })

  it('uses the prefix in the POST callback page script', async () => {
    const clock = fakeClock()
    const sandbox = createSandbox({
      basePath: '/sandbox/',
      services: [{ ...DEMO_SERVICE, callback_url: `${PUBLIC_URL}/api/callback`, callback_method: 'POST' }],
      now: clock.now,
    })
    const parent = new Hono().route('/sandbox', sandbox.app)
    await parent.request('/sandbox/process', formPost(demoForm()))
    const [payment] = sandbox.control.payments()
    const page = await parent.request(
      '/sandbox/process/cancel',
      formPost(new URLSearchParams({ psp_rrn: payment?.psp_rrn ?? '' })),
    )
    expect(await page.text()).toContain('<script src="/sandbox/assets/auto-submit.js" defer></script>')
  })

  it('works through app.mount as well, which strips the prefix', async () => {
    const sandbox = createSandbox({
      basePath: '/sandbox',
      services: [{ ...DEMO_SERVICE, callback_url: `${PUBLIC_URL}/cb` }],
    })
    const parent = new Hono()
    parent.mount('/sandbox', (request, env) => sandbox.app.fetch(request, env))
    const page = await parent.request('/sandbox/process', formPost(demoForm()))
    expect(formsOf(await page.text())[0]?.action).toBe('/sandbox/process/continue')
    const unknown = await parent.request('/sandbox/_sandbox/nothing')
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } })
    const check = await parent.request('/sandbox/check', formPost('psp_rrn=x'))
    expect(await check.json()).toMatchObject({ status: 'BAD', code: 20 })
  })

  it('refuses a basePath that is not a path', () => {
    expect(() => createSandbox({ basePath: 'sandbox' })).toThrow('invalid sandbox basePath')
    expect(() => createSandbox({ basePath: '/a b' })).toThrow('invalid sandbox basePath')
    expect(() => createSandbox({ pendingDelayMs: -1 })).toThrow('invalid sandbox pendingDelayMs')
  })
})
