import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CONFIG, serve, setup } from './testing/checkout-harness.ts'
import { type Answer, apiError, checkoutAnswer, ENDPOINT, json, RRN } from './testing/fake-server.ts'

afterEach(() => {
  document.body.replaceChildren()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

const keys = (fetch: ReturnType<typeof serve>) =>
  fetch.calls.map((call) => call.headers.get('idempotency-key'))

describe('the checkout', () => {
  it('goes idle → loading → summary → submitting and posts exactly the server fields from the light DOM', async () => {
    let answer: (response: Response) => void = () => {}
    const fetch = serve(() => new Promise<Response>((resolve) => (answer = resolve)))
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {})
    const user = userEvent.setup()
    const { view } = setup()
    expect(view.queryByRole('dialog')).toBeNull()
    const pay = view.getByRole('button', { name: 'Pay' })
    expect(pay.getAttribute('aria-haspopup')).toBe('dialog')
    await user.click(pay)
    expect(view.getByRole('dialog', { name: 'Preparing your order…' })).toBeTruthy()
    expect(pay.getAttribute('aria-busy')).toBe('true')
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
    expect(dialog.textContent).toContain(RRN)
    await user.click(view.getByRole('button', { name: 'Pay ₼5.23' }))
    expect(submit).toHaveBeenCalledOnce()
    const form = document.body.querySelector(':scope > form')
    expect(form?.getAttribute('action')).toBe(checkoutAnswer().redirect.url)
    expect(form?.getAttribute('method')).toBe('POST')
    expect(Object.fromEntries(new FormData(form as HTMLFormElement))).toEqual(
      checkoutAnswer().redirect.fields,
    )
    expect(view.getByRole('dialog', { name: 'Confirm your payment' })).toBeTruthy()
    const confirm = view.getByRole('button', { name: 'Pay ₼5.23' })
    expect(confirm.hasAttribute('disabled')).toBe(true)
    expect(confirm.getAttribute('aria-busy')).toBe('true')
    // Not while the form is on its way…
    await user.keyboard('{Escape}')
    expect(view.queryByRole('dialog')).not.toBeNull()
    // …but back from the PSP through the back-forward cache, it starts over.
    dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))
    expect(view.queryByRole('dialog')).toBeNull()
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
    expect(keys(fetch)[0]).toMatch(/^\d+-\d+-\d+-\d+$/)
  })

  it.each<[string, Answer, string, boolean]>([
    ['400', apiError(400, 'invalid_request'), 'Not set up correctly.', false],
    ['400 return URL', apiError(400, 'return_url_not_allowed'), 'Not set up correctly.', false],
    ['404', apiError(404, 'unknown_item'), 'This product is no longer available.', false],
    ['409', apiError(409, 'idempotency_conflict'), 'Could not reach the payment server.', true],
    ['413', apiError(413, 'payload_too_large'), 'Not set up correctly.', false],
    ['415', apiError(415, 'unsupported_media_type'), 'Not set up correctly.', false],
    ['429', apiError(429, 'rate_limited', { 'retry-after': '30' }), 'Please wait 30 s.', true],
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
    'explains %s in an alert, with Retry only where it helps, and fires portmanat:error',
    async (_, answer, text, retry) => {
      vi.spyOn(console, 'error').mockImplementation(() => {})
      serve(() => answer)
      const user = userEvent.setup()
      const { view, events } = setup()
      await user.click(view.getByRole('button', { name: 'Pay' }))
      expect((await view.findByRole('alert')).textContent).toContain(text)
      expect(view.getByRole('dialog', { name: 'The payment could not start' })).toBeTruthy()
      expect(view.queryByRole('button', { name: 'Try again' }) !== null).toBe(retry)
      expect(view.getByRole('button', { name: 'Close' })).toBeTruthy()
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

  it('gives up after 15 s without an answer', async () => {
    vi.useFakeTimers()
    serve(() => 'hang')
    const { view } = setup()
    view.getByRole('button', { name: 'Pay' }).click()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(view.getByRole('alert').textContent).toBe('Could not reach the payment server.')
    expect(view.getByRole('button', { name: 'Try again' })).toBeTruthy()
  })

  it('cancels while loading (aborting the request) and in the summary, with the order once it exists', async () => {
    const fetch = serve((_, index) => (index === 0 ? 'hang' : json(201, checkoutAnswer())))
    const user = userEvent.setup()
    const { view, events } = setup()
    await user.click(view.getByRole('button', { name: 'Pay' }))
    await user.click(view.getByRole('button', { name: 'Cancel' }))
    expect(view.queryByRole('dialog')).toBeNull()
    expect(fetch.calls[0]?.signal?.aborted).toBe(true)
    await user.click(view.getByRole('button', { name: 'Pay' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    await user.click(view.getByRole('button', { name: 'Cancel' }))
    expect(events).toEqual([
      ['cancel', { client_rrn: undefined }],
      ['cancel', { client_rrn: RRN }],
    ])
    expect(fetch.calls).toHaveLength(2)
  })

  it('calls the open() callbacks with the events', async () => {
    serve(() => json(201, checkoutAnswer()))
    const onCancel = vi.fn()
    const { view } = setup({}, { callbacks: { onCancel } })
    await userEvent.setup().click(view.getByRole('button', { name: 'Pay' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    await userEvent.setup().keyboard('{Escape}')
    expect(onCancel).toHaveBeenCalledWith({ client_rrn: RRN })
  })

  it('starts nothing while misconfigured and shows why instead of a button', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { view } = setup('[portmanat-checkout] item is required')
    expect(view.getByRole('alert').textContent).toBe(
      'Not set up correctly. [portmanat-checkout] item is required',
    )
    expect(view.queryByRole('button')).toBeNull()
    expect(CONFIG.locale).toBe('en')
  })
})
