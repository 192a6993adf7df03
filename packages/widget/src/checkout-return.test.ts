import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { serve, setup } from './testing/checkout-harness.ts'
import { type Answer, apiError, ENDPOINT, json, paymentAnswer, RRN } from './testing/fake-server.ts'

afterEach(() => {
  document.body.replaceChildren()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

const payment = (status: Parameters<typeof paymentAnswer>[0]) => json(200, paymentAnswer(status))

describe('the return', () => {
  it('asks the server, uncached, and trusts it', async () => {
    const fetch = serve(() => payment('failed'))
    const { view, checkout, events } = setup()
    checkout.showReturn(RRN)
    expect(view.getByRole('dialog', { name: 'Payment is processing' })).toBeTruthy()
    expect((await view.findByRole('dialog', { name: 'Payment failed' })).textContent).toContain(RRN)
    expect(fetch.calls[0]?.url).toBe(`${ENDPOINT}/api/payments/${RRN}`)
    expect(events).toEqual([['error', { client_rrn: RRN, status: 'failed' }]])
  })

  it('shows a paid payment and fires portmanat:success', async () => {
    serve(() => payment('paid'))
    const { view, checkout, events, active } = setup()
    checkout.showReturn(RRN)
    await view.findByRole('dialog', { name: 'Payment received' })
    expect(active()).toBe(view.getByRole('button', { name: 'Close' }))
    expect(view.queryByRole('button', { name: 'Try again' })).toBeNull()
    expect(events).toEqual([['success', { client_rrn: RRN, status: 'paid' }]])
  })

  it('polls a pending payment with backoff until it is paid', async () => {
    vi.useFakeTimers()
    const answers = ['pending', 'pending', 'pending', 'paid'] as const
    const fetch = serve((_, index) => payment(answers[index] ?? 'paid'))
    const { view, checkout, events } = setup()
    checkout.showReturn(RRN)
    await vi.advanceTimersByTimeAsync(0)
    expect(view.getByRole('dialog', { name: 'Payment is processing' })).toBeTruthy()
    await vi.advanceTimersByTimeAsync(999)
    expect(fetch.calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
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

  it('stops polling after 2 minutes and says it is still processing', async () => {
    vi.useFakeTimers()
    const fetch = serve(() => payment('pending'))
    const { view, checkout, events } = setup()
    checkout.showReturn(RRN)
    await vi.advanceTimersByTimeAsync(120_000)
    expect(view.getByRole('dialog', { name: 'Payment is processing' }).textContent).toContain(
      'We will email you the result.',
    )
    const count = fetch.calls.length
    expect(count).toBeGreaterThan(10)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fetch.calls).toHaveLength(count)
    expect(events.map(([type]) => type)).toEqual(['pending'])
  })

  it('rides out a failed poll while pending', async () => {
    vi.useFakeTimers()
    const answers: Answer[] = [payment('pending'), new TypeError('offline'), payment('paid')]
    serve((_, index) => answers[index] ?? payment('paid'))
    const { view, checkout } = setup()
    checkout.showReturn(RRN)
    await vi.advanceTimersByTimeAsync(3000)
    expect(view.getByRole('dialog', { name: 'Payment received' })).toBeTruthy()
  })

  it('shows an error with Retry when the first check fails, and Retry checks again', async () => {
    const fetch = serve((_, index) => (index === 0 ? apiError(503, 'unavailable') : payment('paid')))
    const user = userEvent.setup()
    const { view, checkout } = setup()
    checkout.showReturn(RRN)
    await user.click(await view.findByRole('button', { name: 'Try again' }))
    await view.findByRole('dialog', { name: 'Payment received' })
    expect(fetch.calls.map((call) => call.url)).toEqual([
      `${ENDPOINT}/api/payments/${RRN}`,
      `${ENDPOINT}/api/payments/${RRN}`,
    ])
  })

  it('offers Close, not a new attempt, after a failed payment; focus returns to Pay', async () => {
    serve(() => payment('failed'))
    const user = userEvent.setup()
    const { view, checkout, active } = setup()
    checkout.showReturn(RRN)
    await view.findByRole('dialog', { name: 'Payment failed' })
    expect(view.queryByRole('button', { name: 'Try again' })).toBeNull()
    await user.click(view.getByRole('button', { name: 'Close' }))
    expect(view.queryByRole('dialog')).toBeNull()
    expect(active()).toBe(view.getByRole('button', { name: 'Pay' }))
  })

  it('offers no new attempt in the return-only modal', async () => {
    serve(() => payment('failed'))
    const { view, checkout } = setup({}, { button: false })
    checkout.showReturn(RRN)
    await view.findByRole('dialog', { name: 'Payment failed' })
    expect(view.queryByRole('button', { name: 'Try again' })).toBeNull()
  })
})
