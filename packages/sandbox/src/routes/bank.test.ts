import { describe, expect, it } from 'vitest'
import { formPost, formsOf, processForm, SHOP, setup } from '../test-support.ts'

/** A sandbox with one payment whose buyer has reached the bank page. */
async function atBank(lang = 'en') {
  const s = setup()
  await s.request(`/process?lang=${lang}`, formPost(processForm()))
  const [payment] = s.control.payments()
  if (!payment) throw new Error('no payment')
  const pay = (card: Record<string, string>) =>
    s.request('/bank', formPost(new URLSearchParams({ psp_rrn: payment.psp_rrn, lang, ...card })))
  return { ...s, payment, pay }
}

const good = { number: '4242 4242 4242 4242', expiry: '12/30', cvv: '123' }

describe('GET /bank', () => {
  it('shows labelled card inputs with autocomplete and inputmode, and the test cards', async () => {
    const { request, payment } = await atBank()
    const response = await request(`/bank?psp_rrn=${encodeURIComponent(payment.psp_rrn)}&lang=en`)
    expect(response.status).toBe(200)
    const html = await response.text()
    for (const [id, autocomplete] of [
      ['card-number', 'cc-number'],
      ['card-expiry', 'cc-exp'],
      ['card-cvv', 'cc-csc'],
    ]) {
      expect(html).toContain(`<label for="${id}">`)
      expect(html).toMatch(
        new RegExp(`<input id="${id}"[^>]*inputmode="numeric" autocomplete="${autocomplete}"`),
      )
    }
    for (const card of ['4242 4242 4242 4242', '4000 0000 0000 0002', '4000 0000 0000 0077'])
      expect(html).toContain(card)
    expect(html).toContain('Pay ₼5.23')
    expect(formsOf(html).map((form) => form.action)).toEqual(['/bank', '/process/cancel'])
  })

  it('is a 404 page for an unknown payment', async () => {
    const { request } = await atBank()
    expect((await request('/bank?psp_rrn=nope')).status).toBe(404)
    expect((await request('/bank')).status).toBe(404)
  })
})

describe('POST /bank', () => {
  it.each([
    ['4242 4242 4242 4242', 'paid'],
    ['4000 0000 0000 0002', 'failed'],
    ['4000000000000077', 'pending'],
  ])('%s → %s, then the callback', async (number, status) => {
    const { pay, control, payment } = await atBank()
    const response = await pay({ ...good, number })
    expect(response.status).toBe(303)
    const location = new URL(response.headers.get('location') ?? '')
    expect(`${location.origin}${location.pathname}`).toBe(SHOP.callback_url)
    expect(location.searchParams.get('psp_rrn')).toBe(payment.psp_rrn)
    expect(location.searchParams.get('client_rrn')).toBe(payment.client_rrn)
    expect(control.payments()[0]).toMatchObject({ status, card_last4: number.slice(-4) })
  })

  it.each([
    [{ number: '4242 4242 4242 4241' }, 'card-number', 'This is not a valid card number.'],
    [{ number: '5555 5555 5555 4444' }, 'card-number', 'use one of the test cards listed below'],
    [{ number: '' }, 'card-number', 'Enter the card number.'],
    [{ expiry: '13/30' }, 'card-expiry', 'Enter the expiry date as MM/YY.'],
    [{ expiry: '01/20' }, 'card-expiry', 'This card has expired.'],
    [{ cvv: '12' }, 'card-cvv', 'The CVV is 3 digits.'],
  ])('shows %j again with its error', async (change, id, message) => {
    const { pay, control } = await atBank()
    const response = await pay({ ...good, ...change })
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('role="alert"')
    expect(html).toContain(`<a href="#${id}">`)
    expect(html).toContain(message)
    expect(html).toMatch(
      new RegExp(`<input id="${id}"[^>]*aria-describedby="[^"]*${id}-error[^"]*" aria-invalid="true">`),
    )
    expect(control.payments()[0]?.status).toBe('created')
  })

  it('keeps what was typed, never the CVV', async () => {
    const { pay } = await atBank()
    const html = await (await pay({ number: '4242 4242 4242 4241', expiry: '11/31', cvv: '987' })).text()
    expect(html).toContain('value="4242 4242 4242 4241"')
    expect(html).toContain('value="11/31"')
    expect(html).not.toContain('987')
  })

  it('escapes what was typed', async () => {
    const { pay } = await atBank()
    const html = await (await pay({ number: '"><script>alert(1)</script>', expiry: '', cvv: '' })).text()
    expect(html).not.toContain('<script>alert(1)')
    expect(html).toContain('&quot;&gt;&lt;script&gt;')
  })

  it('speaks the buyer’s language', async () => {
    const { pay } = await atBank('ru')
    const html = await (await pay({ ...good, cvv: '1' })).text()
    expect(html).toContain('<html lang="ru">')
    expect(html).toContain('CVV — это 3 цифры.')
  })

  it('cannot pay twice', async () => {
    const { pay, control } = await atBank()
    await pay(good)
    const again = await pay({ ...good, number: '4000 0000 0000 0002' })
    expect(again.status).toBe(409)
    expect(control.payments()[0]?.status).toBe('paid')
  })

  it('Cancel on the bank page fails the payment and goes to the callback', async () => {
    const { request, payment, control } = await atBank()
    const html = await (await request(`/bank?psp_rrn=${encodeURIComponent(payment.psp_rrn)}`)).text()
    const cancel = formsOf(html)[1]
    const response = await request(cancel?.action ?? '', formPost(cancel?.fields ?? ''))
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toContain(SHOP.callback_url)
    expect(control.payments()[0]?.status).toBe('failed')
  })
})
