import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { serve, setup } from './testing/checkout-harness.ts'
import { type Answer, apiError, checkoutAnswer, ENDPOINT, json, RRN } from './testing/fake-server.ts'

const keys = (fetch: ReturnType<typeof serve>) =>
  fetch.calls.filter((call) => call.method === 'POST').map((call) => call.headers.get('idempotency-key'))

describe('the checkout', () => {
  it('goes idle → loading → summary → sending and posts exactly the server fields', async () => {
    let answer: (response: Response) => void = () => {}
    const fetch = serve(() => new Promise<Response>((resolve) => (answer = resolve)))
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {})
    const user = userEvent.setup()
    const { view } = setup()
    expect(view.queryByRole('dialog')).toBeNull()
    const pay = view.getByRole('button', { name: 'Pay' })
    expect(pay.getAttribute('aria-haspopup')).toBe('dialog')
    await user.click(pay)
    const loading = await view.findByRole('dialog', { name: 'Preparing your order…' })
    expect(pay.getAttribute('aria-busy')).toBe('true')
    // The order's rows are there already, as placeholders: the dialog keeps its height.
    expect(loading.querySelectorAll('dt')).toHaveLength(3)
    expect(fetch.calls[0]).toMatchObject({
      url: `${ENDPOINT}/api/checkout`,
      method: 'POST',
      body: { item: 'premium', return_url: 'https://shop.az/', locale: 'en' },
    })
    answer(json(201, checkoutAnswer()))
    const dialog = await view.findByRole('dialog', { name: 'Confirm your payment' })
    expect(pay.getAttribute('aria-busy')).toBe('false')
    expect(dialog.textContent).toContain('Premium plan')
    expect(dialog.textContent).toContain('One month')
    expect(dialog.textContent).toContain('₼5.23')
    expect(dialog.textContent).toContain(`Order number${RRN}`)
    await user.click(view.getByRole('button', { name: 'Pay ₼5.23' }))
    expect(submit).toHaveBeenCalledOnce()
    // A form in the dialog, submitted as a top-level navigation (no popup, no iframe).
    const form = submit.mock.contexts[0] as HTMLFormElement
    expect(form.isConnected).toBe(true)
    expect(form?.getAttribute('action')).toBe(checkoutAnswer().redirect.url)
    expect(form?.getAttribute('method')).toBe('POST')
    expect(Object.fromEntries(new FormData(form as HTMLFormElement))).toEqual(
      checkoutAnswer().redirect.fields,
    )
    // Sending: the order stays on screen with a progress line, and nothing can close it.
    expect(view.getByRole('dialog', { name: 'Confirm your payment' })).toBeTruthy()
    expect(view.getByRole('status').textContent).toBe('Taking you to the payment page…')
    expect(view.queryByRole('button', { name: /Cancel|Close|Pay ₼/ })).toBeNull()
    await user.keyboard('{Escape}')
    expect(view.queryByRole('dialog')).not.toBeNull()
    // …but back from the PSP through the back-forward cache, it starts over.
    dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))
    expect(view.queryByRole('dialog')).toBeNull()
  })

  it('asks for the quantity the embed names; the server prices it', async () => {
    const fetch = serve(() => json(201, checkoutAnswer({ quantity: 3 } as never)))
    const { view } = setup({ quantity: '3' })
    await userEvent.setup().click(view.getByRole('button', { name: 'Pay' }))
    const dialog = await view.findByRole('dialog', { name: 'Confirm your payment' })
    expect(fetch.calls[0]?.body).toMatchObject({ item: 'premium', quantity: 3 })
    expect(dialog.textContent).toContain('Quantity3')
  })

  it('submits a form with a field named submit', async () => {
    const { redirect } = checkoutAnswer()
    serve(() =>
      json(201, {
        ...checkoutAnswer(),
        redirect: { ...redirect, fields: { ...redirect.fields, submit: 'x' } },
      }),
    )
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {})
    const user = userEvent.setup()
    const { view } = setup()
    await user.click(view.getByRole('button', { name: 'Pay' }))
    await user.click(await view.findByRole('button', { name: 'Pay ₼5.23' }))
    expect(submit).toHaveBeenCalledOnce()
  })

  it('makes one request for a double click, and the second click does not close the modal', async () => {
    const fetch = serve(() => json(201, checkoutAnswer()))
    const user = userEvent.setup()
    const { view, events } = setup()
    await user.dblClick(view.getByRole('button', { name: 'Pay' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    expect(fetch.calls).toHaveLength(1)
    expect(events).toEqual([])
  })

  it('retries with the same key, and a new attempt gets a new key', async () => {
    const fetch = serve((_, index) =>
      index === 0 ? apiError(503, 'unavailable') : json(201, checkoutAnswer()),
    )
    const user = userEvent.setup()
    const { view } = setup()
    await user.click(view.getByRole('button', { name: 'Pay' }))
    await user.click(await view.findByRole('button', { name: 'Try again' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    await user.click(view.getByRole('button', { name: 'Cancel' }))
    await user.click(view.getByRole('button', { name: 'Pay' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    const [first, retry, next] = keys(fetch)
    expect(first).toMatch(/\S{16,}/)
    expect(retry).toBe(first)
    expect(next).not.toBe(first)
  })

  it('takes a new key after an idempotency conflict', async () => {
    const fetch = serve((_, index) =>
      index === 0 ? apiError(409, 'idempotency_conflict') : json(201, checkoutAnswer()),
    )
    const user = userEvent.setup()
    const { view } = setup()
    await user.click(view.getByRole('button', { name: 'Pay' }))
    await user.click(await view.findByRole('button', { name: 'Try again' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    const [first, second] = keys(fetch)
    expect(second).not.toBe(first)
  })

  it('falls back to getRandomValues for the key outside secure contexts', async () => {
    const real = crypto
    vi.stubGlobal('crypto', { getRandomValues: real.getRandomValues.bind(real) })
    const fetch = serve(() => 'hang')
    const { view } = setup()
    view.getByRole('button', { name: 'Pay' }).click()
    await vi.waitFor(() => expect(keys(fetch)[0]).toMatch(/^\d+-\d+-\d+-\d+$/))
  })

  it.each<[string, Answer, string, boolean]>([
    ['400', apiError(400, 'invalid_request'), 'This payment button is not set up correctly.', false],
    ['400 return URL', apiError(400, 'return_url_not_allowed'), 'not set up correctly', false],
    [
      '403 origin',
      apiError(403, 'origin_not_allowed'),
      'This website may not take payments here yet.',
      false,
    ],
    ['404', apiError(404, 'unknown_item'), 'Not available', false],
    ['409', apiError(409, 'idempotency_conflict'), 'Could not reach the payment server.', true],
    ['413', apiError(413, 'payload_too_large'), 'not set up correctly', false],
    ['415', apiError(415, 'unsupported_media_type'), 'not set up correctly', false],
    [
      '429',
      apiError(429, 'rate_limited', { 'retry-after': '30' }),
      'Please wait a moment and try again.',
      true,
    ],
    ['500', apiError(500, 'internal_error'), 'Could not reach the payment server.', true],
    ['503', apiError(503, 'unavailable'), 'Could not reach the payment server.', true],
    ['a network failure', new TypeError('Failed to fetch'), 'Could not reach the payment server.', true],
    [
      'malformed JSON',
      new Response('{"client', { status: 201 }),
      'Could not reach the payment server.',
      true,
    ],
  ])(
    'explains %s in an alert, with Try again only where it helps, and fires portmanat:error',
    async (_, answer, text, retry) => {
      vi.spyOn(console, 'error').mockImplementation(() => {})
      serve(() => answer)
      const user = userEvent.setup()
      const { view, events } = setup()
      await user.click(view.getByRole('button', { name: 'Pay' }))
      expect((await view.findByRole('alert')).textContent).toContain(text)
      expect(view.getByRole('dialog', { name: 'Could not start the payment' })).toBeTruthy()
      expect(view.queryByRole('button', { name: 'Try again' }) !== null).toBe(retry)
      expect(view.getAllByRole('button', { name: 'Close' })).toHaveLength(2)
      expect(events).toEqual([['error', { error: expect.objectContaining({ kind: expect.any(String) }) }]])
    },
  )

  it('says why a misconfigured embed failed where developers look', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    serve(() => apiError(400, 'return_url_not_allowed'))
    const { view } = setup()
    await userEvent.setup().click(view.getByRole('button', { name: 'Pay' }))
    await view.findByRole('alert')
    expect(error).toHaveBeenCalledWith('[portmanat-checkout]', 'return_url_not_allowed happened')
  })

  it('names ALLOWED_ORIGINS in the console when the server refuses the shop’s origin', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    serve(() => apiError(403, 'origin_not_allowed'))
    const { view } = setup()
    await userEvent.setup().click(view.getByRole('button', { name: 'Pay' }))
    await view.findByRole('alert')
    expect(error).toHaveBeenCalledWith(
      '[portmanat-checkout]',
      'add http://localhost:3000 to ALLOWED_ORIGINS of http://127.0.0.1:8787',
    )
  })

  it('cancels while loading (aborting the request) and in the summary, with the order once it exists', async () => {
    const fetch = serve((_, index) => (index === 0 ? 'hang' : json(201, checkoutAnswer())))
    const user = userEvent.setup()
    const { view, events } = setup()
    await user.click(view.getByRole('button', { name: 'Pay' }))
    await user.click(await view.findByRole('button', { name: 'Cancel' }))
    expect(view.queryByRole('dialog')).toBeNull()
    expect(fetch.calls[0]?.signal?.aborted).toBe(true)
    await user.click(view.getByRole('button', { name: 'Pay' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    await user.click(view.getAllByRole('button', { name: /Cancel|Close/ })[0] as HTMLElement)
    expect(events).toEqual([
      ['cancel', { client_rrn: undefined }],
      ['cancel', { client_rrn: RRN }],
    ])
    expect(fetch.calls).toHaveLength(2)
  })

  it('starts nothing while misconfigured and shows why instead of a button', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { view } = setup({ item: undefined })
    expect(view.getByRole('alert').textContent).toBe('[portmanat-checkout] item is required')
    expect(view.queryByRole('button')).toBeNull()
  })
})
