import { afterEach, describe, expect, it, vi } from 'vitest'
import { formPost, formsOf, processForm, SHOP, setup } from '../test-support.ts'

afterEach(() => {
  vi.useRealTimers()
})

const errorsOf = async (response: Response) => {
  const html = await response.text()
  return [...html.matchAll(/<li><code>([a-z_]+)<\/code>: ([^<]+)<\/li>/g)].map(
    ([, field, message]) => `${field}: ${message}`,
  )
}

describe('POST /process', () => {
  it('records the payment and shows the check page with title, amount and client_rrn', async () => {
    const s = setup()
    const form = processForm({ amount: '1234.5' })
    const response = await s.request('/process', formPost(form, { 'Accept-Language': 'en' }))
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<h1>Check the payment details</h1>')
    expect(html).toContain('Test shop &lt;b&gt;&amp;&lt;/b&gt;')
    expect(html).toContain('₼1,234.50')
    expect(html).toContain(form.get('client_rrn'))
    const [payment] = s.control.payments()
    expect(payment).toMatchObject({
      status: 'created',
      amount: '1234.50',
      client_rrn: form.get('client_rrn'),
    })
    const forms = formsOf(html)
    expect(forms.map((f) => f.action)).toEqual(['/process/continue', '/process/cancel'])
    expect(forms[0]?.fields.get('psp_rrn')).toBe(payment?.psp_rrn)
  })

  it('takes a multipart form too', async () => {
    const s = setup()
    const body = new FormData()
    for (const [key, value] of processForm()) body.set(key, value)
    expect((await s.request('/process', { method: 'POST', body })).status).toBe(200)
  })

  it('takes a form without a content type, as old integrations send it', async () => {
    const s = setup()
    // A byte body gets no default content type, unlike a string (text/plain).
    const response = await s.request('/process', {
      method: 'POST',
      body: new TextEncoder().encode(processForm().toString()),
    })
    expect(response.status).toBe(200)
  })

  it('lists every missing field', async () => {
    const response = await setup().request('/process', formPost('', { 'Accept-Language': 'en' }))
    expect(response.status).toBe(400)
    expect(await errorsOf(response)).toEqual([
      'service_id: This field is required.',
      'client_rrn: This field is required.',
      'amount: This field is required.',
      'client_ip: This field is required.',
      'hash: This field is required.',
    ])
  })

  it.each([
    [
      'an unknown service',
      processForm({ service_id: '404' }),
      'service_id: There is no service with this ID.',
    ],
    ['a wrong hash', processForm({}, {}, 'another-secret'), 'hash: The hash is wrong.'],
    [
      'a hash that is not hex',
      processForm({}, { hash: 'zz' }),
      'hash: The hash must be 64 hexadecimal characters.',
    ],
    [
      'an amount changed after signing',
      processForm({ amount: '5.23' }, { amount: '0.23' }),
      'hash: The hash is wrong.',
    ],
    [
      'a comma amount',
      processForm({ amount: '5,23' }),
      'amount: The amount must be a plain decimal number such as 5, 5.2 or 5.23.',
    ],
    ['three decimals', processForm({ amount: '5.234' }), 'amount: The amount has more than two decimals.'],
    ['a zero amount', processForm({ amount: '0.00' }), 'amount: The amount must be greater than zero.'],
    ['a huge amount', processForm({ amount: '10000000' }), 'amount: The amount is above 9999999.99.'],
    [
      'a negative amount',
      processForm({ amount: '-5' }),
      'amount: The amount must be a plain decimal number such as 5, 5.2 or 5.23.',
    ],
    [
      'an exponent',
      processForm({ amount: '5e2' }),
      'amount: The amount must be a plain decimal number such as 5, 5.2 or 5.23.',
    ],
    [
      'a bad client_ip',
      processForm({ client_ip: '300.1.1.1' }),
      'client_ip: This is not a valid IP address.',
    ],
    [
      'a client_rrn with spaces',
      processForm({ client_rrn: 'a b' }),
      'client_rrn: The client RRN must be 1 to 64 visible ASCII characters.',
    ],
  ])('refuses %s', async (_, form, error) => {
    const s = setup()
    const response = await s.request('/process', formPost(form, { 'Accept-Language': 'en' }))
    expect(response.status).toBe(400)
    expect(await errorsOf(response)).toContain(error)
    expect(s.control.payments()).toEqual([])
  })

  it('accepts an IPv6 client_ip and a short amount exactly as signed', async () => {
    const s = setup()
    expect(
      (await s.request('/process', formPost(processForm({ client_ip: '2001:db8::1', amount: '5.2' }))))
        .status,
    ).toBe(200)
    expect(s.control.payments()[0]?.amount).toBe('5.20')
  })

  it('refuses a client_rrn already used for the service, but not for another service', async () => {
    const s = setup()
    s.control.addService({ ...SHOP, service_id: '777', secret: 'other' })
    const form = processForm({ client_rrn: 'same-order' })
    expect((await s.request('/process', formPost(form))).status).toBe(200)
    const again = await s.request('/process', formPost(form, { 'Accept-Language': 'en' }))
    expect(again.status).toBe(400)
    expect(await errorsOf(again)).toEqual([
      'client_rrn: This client RRN has already been used for this service.',
    ])
    const other = processForm({ service_id: '777', client_rrn: 'same-order' }, {}, 'other')
    expect((await s.request('/process', formPost(other))).status).toBe(200)
  })

  it('refuses a field sent twice', async () => {
    const form = processForm()
    form.append('amount', '999.00')
    const response = await setup().request('/process', formPost(form, { 'Accept-Language': 'en' }))
    expect(await errorsOf(response)).toContain('amount: This field must be sent once.')
  })

  it('answers the provider-shaped JSON to a client that asks for JSON', async () => {
    const response = await setup().request(
      '/process',
      formPost(processForm({ amount: 'x' }), { Accept: 'application/json' }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      status: 'BAD',
      code: 10,
      description: 'Validation error',
      errors: { amount: ['The amount must be a plain decimal number such as 5, 5.2 or 5.23.'] },
    })
  })

  it('shows errors in the buyer’s language, with role="alert"', async () => {
    const s = setup()
    const az = await (await s.request('/process', formPost(''))).text()
    expect(az).toContain('<html lang="az">')
    expect(az).toContain('Ödəniş sorğusu qəbul edilmədi')
    expect(az).toContain('role="alert"')
    const ru = await (await s.request('/process?lang=ru', formPost(''))).text()
    expect(ru).toContain('Платёжный запрос отклонён')
    const en = await (await s.request('/process', formPost('lang=en'))).text()
    expect(en).toContain('The payment request was rejected')
  })

  it('never shows the secret', async () => {
    const s = setup()
    for (const form of [processForm(), processForm({}, {}, 'wrong'), processForm({ amount: SHOP.secret })]) {
      const html = await (await s.request('/process', formPost(form))).text()
      expect(html).not.toContain(SHOP.secret)
    }
  })

  it('refuses a JSON body with 415', async () => {
    const response = await setup().request('/process', {
      method: 'POST',
      body: JSON.stringify(Object.fromEntries(processForm())),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(response.status).toBe(415)
  })

  it('waits for the latency fault, without using up `times`', async () => {
    vi.useFakeTimers()
    const s = setup({ faults: { latencyMs: 5000, status: 503, times: 1 } })
    let done = false
    const pending = s.request('/process', formPost(processForm())).then((response) => {
      done = true
      return response
    })
    await vi.advanceTimersByTimeAsync(4999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).status).toBe(200)
    expect(s.control.payments()).toHaveLength(1)
    const header = s.request('/process', formPost(processForm(), { 'X-Sandbox-Fault': 'latency=100' }))
    await vi.advanceTimersByTimeAsync(5100)
    expect((await header).status).toBe(200)
  })

  it('refuses an unreadable fault header', async () => {
    const response = await setup().request(
      '/process',
      formPost(processForm(), { 'X-Sandbox-Fault': 'explode' }),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'bad_fault' } })
  })
})

describe('Continue and Cancel on the check page', () => {
  it('Continue goes to the bank page, carrying the language', async () => {
    const s = setup()
    const html = await (await s.request('/process?lang=ru', formPost(processForm()))).text()
    const [next] = formsOf(html)
    const response = await s.request(next?.action ?? '', formPost(next?.fields ?? ''))
    expect(response.status).toBe(303)
    const location = new URL(response.headers.get('location') ?? '', 'http://x')
    expect(location.pathname).toBe('/bank')
    expect(location.searchParams.get('psp_rrn')).toBe(s.control.payments()[0]?.psp_rrn)
    expect(location.searchParams.get('lang')).toBe('ru')
  })

  it('Cancel fails the payment and goes to the callback', async () => {
    const s = setup()
    const html = await (await s.request('/process', formPost(processForm()))).text()
    const cancel = formsOf(html)[1]
    const response = await s.request(cancel?.action ?? '', formPost(cancel?.fields ?? ''))
    expect(response.status).toBe(303)
    const [payment] = s.control.payments()
    expect(payment?.status).toBe('failed')
    const location = new URL(response.headers.get('location') ?? '')
    expect(location.origin + location.pathname).toBe(SHOP.callback_url)
    expect(location.searchParams.get('psp_rrn')).toBe(payment?.psp_rrn)
  })

  it('a finished or unknown payment gets a clear page, not a second outcome', async () => {
    const s = setup()
    const html = await (await s.request('/process', formPost(processForm()))).text()
    const [next, cancel] = formsOf(html)
    await s.request('/process/cancel', formPost(cancel?.fields ?? ''))
    const again = await s.request('/process/continue', formPost(next?.fields ?? ''))
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Bu ödəniş artıq başa çatıb')
    expect((await s.request('/process/cancel', formPost('psp_rrn=nope'))).status).toBe(404)
    expect((await s.request('/process/continue', formPost(''))).status).toBe(404)
  })
})
