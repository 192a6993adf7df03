import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { handleReturn } from './open.ts'
import { inside, serve, setup } from './testing/checkout-harness.ts'
import { type Answer, apiError, ENDPOINT, json, paymentAnswer, RRN } from './testing/fake-server.ts'

const payment = (status: Parameters<typeof paymentAnswer>[0], reason?: string) =>
  json(200, { ...paymentAnswer(status), ...(reason ? { reason } : {}) })

const back = (status = 'paid') => setup({}, { returnTo: [status, RRN] })

describe('the return', () => {
  it('asks the server, uncached, and trusts it over the address bar', async () => {
    const fetch = serve(() => payment('failed'))
    const { view, events } = back('paid')
    expect((await view.findByRole('dialog', { name: 'Payment declined' })).textContent).toContain(RRN)
    expect(fetch.calls[0]).toMatchObject({ url: `${ENDPOINT}/api/payments/${RRN}` })
    expect(events).toEqual([['error', { client_rrn: RRN, status: 'failed', reason: 'declined' }]])
  })

  it('shows a paid payment, fires portmanat:success and then cleans the address bar', async () => {
    serve(() => payment('paid'))
    const { view, events, active } = back()
    const dialog = await view.findByRole('dialog', { name: 'Payment received' })
    // No primary action: the dialog itself takes focus, its buttons one Tab away.
    expect(active()).toBe(dialog)
    expect(view.queryByRole('button', { name: 'Try again' })).toBeNull()
    expect(events).toEqual([['success', { client_rrn: RRN, status: 'paid' }]])
    expect(location.pathname + location.search).toBe('/shop')
  })

  it('reads a cancel on the PSP pages as "not completed", with Try again making a new order', async () => {
    const fetch = serve((call) => (call.method === 'POST' ? 'hang' : payment('failed', 'cancelled')))
    const user = userEvent.setup()
    const { view, events } = back('failed')
    await view.findByRole('dialog', { name: 'Payment not completed' })
    expect(events).toEqual([['cancel', { client_rrn: RRN, status: 'failed', reason: 'cancelled' }]])
    await user.click(view.getByRole('button', { name: 'Try again' }))
    await view.findByRole('dialog', { name: 'Preparing your order…' })
    expect(fetch.calls.at(-1)).toMatchObject({ method: 'POST', body: { item: 'premium' } })
  })

  it('reads an order still created after the return as not completed, with Try again, and cleans the address', async () => {
    serve(() => payment('created'))
    const { view, events } = back('pending')
    const dialog = await view.findByRole('dialog', { name: 'Payment not completed' })
    // Nothing is said about money: the server cannot vouch for it.
    expect(dialog.textContent).not.toMatch(/charged|pending|processing/i)
    expect(view.getByRole('button', { name: 'Try again' })).toBeTruthy()
    expect(events).toEqual([['cancel', { client_rrn: RRN, status: 'created' }]])
    expect(location.search).toBe('')
  })

  it('reads a decline as declined, also with Try again', async () => {
    serve(() => payment('failed', 'declined'))
    const { view, events } = back('failed')
    const dialog = await view.findByRole('dialog', { name: 'Payment declined' })
    expect(dialog.textContent).toContain('The bank declined the card.')
    expect(view.getByRole('button', { name: 'Try again' })).toBeTruthy()
    expect(events).toEqual([['error', { client_rrn: RRN, status: 'failed', reason: 'declined' }]])
  })

  it.each([
    ['an object', { code: 'declined' }],
    ['a number', 7],
    ['true', true],
  ])('reads a reason that is not text (%s) as none: no such reason reaches the events', async (_, reason) => {
    serve(() => json(200, { ...paymentAnswer('failed'), reason }))
    const { view, events } = back('failed')
    await view.findByRole('dialog', { name: 'Payment failed' })
    expect(events).toEqual([['error', { client_rrn: RRN, status: 'failed', reason: undefined }]])
  })

  it('keeps asking while the server does not answer, never says "could not start", and keeps the address', async () => {
    const answers: Answer[] = [new TypeError('offline'), apiError(503, 'unavailable'), payment('paid')]
    const fetch = serve((_, index) => answers[index] ?? payment('paid'))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const { view } = back()
    await vi.advanceTimersByTimeAsync(10)
    expect(view.getByRole('dialog', { name: 'Payment is processing' })).toBeTruthy()
    expect(view.queryByText(/could not start/i)).toBeNull()
    expect(location.search).toContain(RRN)
    await vi.advanceTimersByTimeAsync(1000)
    expect(fetch.calls).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(2000)
    expect(fetch.calls).toHaveLength(3)
    expect(view.getByRole('dialog', { name: 'Payment received' })).toBeTruthy()
    expect(location.search).toBe('')
  })

  it('after a few unanswered tries says it could not check, warns against paying again, and offers to ask again', async () => {
    const fetch = serve((_, index) => (index < 6 ? new TypeError('offline') : payment('paid')))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const { view, events } = back()
    await vi.advanceTimersByTimeAsync(20_000)
    const dialog = view.getByRole('dialog', { name: 'Payment is processing' })
    expect(dialog.textContent).toContain('The result is not known yet. Do not pay again')
    expect(dialog.textContent).not.toMatch(/could not start/i)
    expect(location.search).toContain(RRN)
    expect(events).toEqual([])
    vi.useRealTimers()
    await userEvent.setup().click(view.getByRole('button', { name: 'Try again' }))
    await view.findByRole('dialog', { name: 'Payment received' })
    expect(fetch.calls).toHaveLength(7)
  })

  it('polls a pending payment with backoff until it is paid', async () => {
    const answers = ['pending', 'pending', 'pending', 'paid'] as const
    const fetch = serve((_, index) => payment(answers[index] ?? 'paid'))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const { view, events } = back('pending')
    await vi.advanceTimersByTimeAsync(10)
    expect(view.getByRole('dialog', { name: 'Payment is processing' })).toBeTruthy()
    expect(fetch.calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(fetch.calls).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(2000)
    expect(fetch.calls).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(3000)
    expect(fetch.calls).toHaveLength(4)
    expect(view.getByRole('dialog', { name: 'Payment received' })).toBeTruthy()
    expect(events).toEqual([
      ['pending', { client_rrn: RRN, status: 'pending' }],
      ['success', { client_rrn: RRN, status: 'paid' }],
    ])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fetch.calls).toHaveLength(4)
  })

  it('stops polling after 2 minutes, says what really happens next, and can ask again', async () => {
    const fetch = serve(() => payment('pending'))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const { view, events } = back('pending')
    await vi.advanceTimersByTimeAsync(121_000)
    const dialog = view.getByRole('dialog', { name: 'Payment is processing' })
    expect(dialog.textContent).toContain('Do not pay again: reload this page in a minute.')
    expect(dialog.textContent).not.toMatch(/e-?mail/i)
    const count = fetch.calls.length
    expect(count).toBeGreaterThan(10)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fetch.calls).toHaveLength(count)
    expect(events.map(([type]) => type)).toEqual(['pending'])
    // The address keeps the return: a reload asks again.
    expect(location.search).toContain(RRN)
    view.getByRole('button', { name: 'Try again' }).click()
    await vi.advanceTimersByTimeAsync(10)
    expect(fetch.calls).toHaveLength(count + 1)
  })

  it('offers Close only, not a new order, in the return-only modal', async () => {
    serve(() => payment('failed', 'declined'))
    history.replaceState(null, '', `/?portmanat_status=failed&client_rrn=${RRN}`)
    expect(handleReturn({ endpoint: ENDPOINT, locale: 'en' })).toBe(true)
    const host = document.querySelector('portmanat-checkout-modal')
    const view = inside(host?.shadowRoot)
    await view.findByRole('dialog', { name: 'Payment declined' })
    expect(view.queryByRole('button', { name: 'Try again' })).toBeNull()
  })

  it('says a wrong set-up at once and where developers look', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    serve(() => apiError(404, 'not_found'))
    const { view } = back()
    await view.findByRole('alert')
    expect(view.getByRole('alert').textContent).toBe('This payment button is not set up correctly.')
    expect(view.queryByRole('button', { name: 'Try again' })).toBeNull()
    expect(error).toHaveBeenCalledWith('[portmanat-checkout]', 'not_found happened')
  })
})
