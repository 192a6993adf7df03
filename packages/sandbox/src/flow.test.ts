/**
 * The buyer's whole walk, without a browser: /process → Continue → the bank → the callback →
 * /check, as a partner's server would see it.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCheckResponse } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import { formPost, formsOf, processForm, SHOP, setup } from './test-support.ts'

type Sandbox = ReturnType<typeof setup>

/** Walks from the shop's form to the callback; returns where the browser was sent. */
async function walk(s: Sandbox, card: string, form = processForm({ amount: '12.34' })) {
  const checkPage = await s.request('/process', formPost(form))
  expect(checkPage.status).toBe(200)
  const [next] = formsOf(await checkPage.text())
  const toBank = await s.request(next?.action ?? '', formPost(next?.fields ?? ''))
  expect(toBank.status).toBe(303)
  const bankPage = await s.request(toBank.headers.get('location') ?? '')
  const [cardForm] = formsOf(await bankPage.text())
  const fields = new URLSearchParams(cardForm?.fields)
  fields.set('number', card)
  fields.set('expiry', '09/29')
  fields.set('cvv', '321')
  return { form, done: await s.request(cardForm?.action ?? '', formPost(fields)) }
}

/** What the partner's callback receives, and what /check then says. */
async function callbackAndCheck(s: Sandbox, done: Response) {
  expect(done.status).toBe(303)
  const callback = new URL(done.headers.get('location') ?? '')
  expect(`${callback.origin}${callback.pathname}`).toBe(SHOP.callback_url)
  const pspRrn = callback.searchParams.get('psp_rrn') ?? ''
  const check = async () =>
    parseCheckResponse(
      await (await s.request('/check', formPost(new URLSearchParams({ psp_rrn: pspRrn })))).text(),
    )
  return { callback, check }
}

describe('the buyer’s walk', () => {
  it('pays with the success card: the callback gets both RRNs and /check says 0 with the same amount', async () => {
    const s = setup()
    const { form, done } = await walk(s, '4242 4242 4242 4242')
    const { callback, check } = await callbackAndCheck(s, done)
    const [payment] = s.control.payments()
    // URL-encoded on the way out, exactly the same string on the way in.
    expect(done.headers.get('location')).toContain(
      `psp_rrn=${encodeURIComponent(payment?.psp_rrn ?? '').replace(/%20/g, '+')}`,
    )
    expect(callback.searchParams.get('psp_rrn')).toBe(payment?.psp_rrn)
    expect(callback.searchParams.get('client_rrn')).toBe(form.get('client_rrn'))
    expect(await check()).toMatchObject({
      kind: 'paid',
      body: { amount: '12.34', qepik: 1234, client_rrn: form.get('client_rrn'), psp_rrn: payment?.psp_rrn },
    })
  })

  it('the decline card gives -1', async () => {
    const s = setup()
    const { check } = await callbackAndCheck(s, (await walk(s, '4000 0000 0000 0002')).done)
    expect(await check()).toMatchObject({ kind: 'failed', code: -1 })
  })

  it('the pending card gives 1, then 0 once the delay has passed on the clock', async () => {
    const s = setup({ pendingDelayMs: 30_000 })
    const { check } = await callbackAndCheck(s, (await walk(s, '4000 0000 0000 0077')).done)
    expect(await check()).toMatchObject({ kind: 'pending', code: 1 })
    s.clock.advance(29_999)
    expect(await check()).toMatchObject({ kind: 'pending' })
    s.clock.advance(1)
    expect(await check()).toMatchObject({ kind: 'paid', body: { amount: '12.34' } })
  })

  it('the pending card turns 0 or -1 by the settle control call', async () => {
    for (const outcome of ['paid', 'failed'] as const) {
      const s = setup()
      const { form, done } = await walk(s, '4000 0000 0000 0077')
      const { check } = await callbackAndCheck(s, done)
      const settle = await s.request('/_sandbox/settle', {
        method: 'POST',
        body: JSON.stringify({ client_rrn: form.get('client_rrn'), outcome }),
        headers: { 'Content-Type': 'application/json' },
      })
      expect(settle.status).toBe(200)
      expect(await check()).toMatchObject({ kind: outcome })
    }
  })

  it('a POST callback is an auto-submitting form that also works without JavaScript', async () => {
    const s = setup({ services: [{ ...SHOP, callback_method: 'POST' }] })
    const { done } = await walk(s, '4242 4242 4242 4242')
    expect(done.status).toBe(200)
    const html = await done.text()
    const [form] = formsOf(html)
    const [payment] = s.control.payments()
    expect(form?.action).toBe(SHOP.callback_url)
    expect(html).toContain('<form method="post" action="https://shop.example/api/callback" data-auto-submit>')
    expect(form?.fields.get('psp_rrn')).toBe(payment?.psp_rrn)
    expect(form?.fields.get('client_rrn')).toBe(payment?.client_rrn)
    expect(html).toContain('<button type="submit" class="primary">Davam et</button>')
    expect(html).toContain('<script src="/assets/auto-submit.js" defer></script>')
    const script = await s.request('/assets/auto-submit.js')
    expect(script.headers.get('content-type')).toContain('javascript')
    expect(await script.text()).toContain('form.submit()')
  })

  it('a service without a callback URL gets the sandbox’s own result page', async () => {
    const s = setup({ services: [{ ...SHOP, callback_url: '' }] })
    const { done } = await walk(s, '4242 4242 4242 4242')
    expect(done.status).toBe(200)
    const html = await done.text()
    expect(html).toContain('Ödəniş başa çatdı')
    expect(html).toContain(s.control.payments()[0]?.psp_rrn ?? 'missing')
  })

  it('keeps an existing query string of the callback URL', async () => {
    const s = setup({ services: [{ ...SHOP, callback_url: 'https://shop.example/cb?shop=1' }] })
    const { done } = await walk(s, '4242 4242 4242 4242')
    const location = new URL(done.headers.get('location') ?? '')
    expect(location.searchParams.get('shop')).toBe('1')
    expect(location.searchParams.get('psp_rrn')).toBe(s.control.payments()[0]?.psp_rrn)
  })
})

describe('each locale', () => {
  it.each([
    ['az', 'Ödəniş məlumatlarını yoxlayın', 'Test bankı — kart məlumatları', 'SANDBOX — real pul yoxdur'],
    ['en', 'Check the payment details', 'Test bank — card details', 'SANDBOX — no real money'],
    ['ru', 'Проверьте данные платежа', 'Тестовый банк — данные карты', 'ПЕСОЧНИЦА — без настоящих денег'],
  ])('%s: check page, bank page and banner', async (lang, checkTitle, bankTitle, banner) => {
    const s = setup()
    const checkPage = await (
      await s.request('/process', formPost(processForm(), { 'Accept-Language': lang }))
    ).text()
    expect(checkPage).toContain(`<html lang="${lang}">`)
    expect(checkPage).toContain(`<h1>${checkTitle}</h1>`)
    expect(checkPage).toContain(banner)
    const [next] = formsOf(checkPage)
    const toBank = await s.request(next?.action ?? '', formPost(next?.fields ?? ''))
    const bankPage = await (await s.request(toBank.headers.get('location') ?? '')).text()
    expect(bankPage).toContain(`<html lang="${lang}">`)
    expect(bankPage).toContain(`<h1>${bankTitle}</h1>`)
  })
})

describe('a restart between checkout and callback', () => {
  it('loses nothing with a state file', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'sandbox-flow-')), 'state.json')
    const before = setup({ stateFile })
    const checkPage = await before.request('/process', formPost(processForm()))
    const [next] = formsOf(await checkPage.text())

    // The buyer is on the check page when the server restarts.
    const after = setup({ stateFile })
    const toBank = await after.request(next?.action ?? '', formPost(next?.fields ?? ''))
    const [cardForm] = formsOf(await (await after.request(toBank.headers.get('location') ?? '')).text())
    const fields = new URLSearchParams(cardForm?.fields)
    fields.set('number', '4242424242424242')
    fields.set('expiry', '12/30')
    fields.set('cvv', '123')
    const { check } = await callbackAndCheck(after, await after.request('/bank', formPost(fields)))
    expect(await check()).toMatchObject({ kind: 'paid' })
  })
})
