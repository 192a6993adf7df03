import type { Locale } from '@portmanat-checkout/shared'
import { cleanup, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WidgetError } from '../api/errors.ts'
import type { Phase } from '../flow/checkout-controller.ts'
import { checkoutAnswer, paymentAnswer, RRN } from '../testing/fake-server.ts'
import { CheckoutView } from './checkout-view.tsx'

const actions = { confirm: vi.fn(), close: vi.fn(), retry: vi.fn() }

function show(phase: Phase, locale: Locale = 'en') {
  return render(<CheckoutView phase={phase} locale={locale} actions={actions} canRestart />)
}

const failure = (error: WidgetError, retry = true): Phase => ({ name: 'error', error, retry, wait: 0 })

afterEach(cleanup)

describe('CheckoutView', () => {
  it('shows no dialog when idle', () => {
    show({ name: 'idle' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('labels and describes the dialog', () => {
    show({ name: 'loading' })
    const dialog = screen.getByRole('dialog', { name: 'Preparing your order…' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(dialog.getAttribute('lang')).toBe('en')
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')).not.toBeNull()
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy()
  })

  it('announces phase changes politely', () => {
    const { container } = show({ name: 'loading' })
    const live = container.querySelector('[aria-live="polite"]')
    expect(live?.textContent).toBe('Preparing your order…')
  })

  it('shows the order summary with a localised amount and the reference', () => {
    show({ name: 'summary', order: checkoutAnswer() })
    expect(screen.getByRole('dialog', { name: 'Confirm your payment' })).toBeTruthy()
    expect(screen.getByText('Premium plan')).toBeTruthy()
    expect(screen.getByText('One month')).toBeTruthy()
    expect(screen.getByText('₼5.23')).toBeTruthy()
    expect(screen.getByText(RRN)).toBeTruthy()
    screen.getByRole('button', { name: 'Pay ₼5.23' }).click()
    expect(actions.confirm).toHaveBeenCalled()
  })

  it('disables the buttons while submitting', () => {
    show({ name: 'submitting', order: checkoutAnswer() })
    const pay = screen.getByRole('button', { name: 'Pay ₼5.23' })
    expect(pay.hasAttribute('disabled')).toBe(true)
    expect(pay.getAttribute('aria-busy')).toBe('true')
    expect(screen.getByRole('dialog').textContent).toContain('Taking you to the secure card page')
  })

  it.each<[string, WidgetError, string, boolean]>([
    [
      '400',
      { kind: 'config', status: 400, message: '' },
      'This payment button is not set up correctly',
      false,
    ],
    [
      '400 return URL',
      { kind: 'return_url', status: 400, message: '' },
      'not allowed to take payments',
      false,
    ],
    ['404', { kind: 'not_found', status: 404, message: '' }, 'no longer available', false],
    ['409', { kind: 'conflict', status: 409, message: '' }, 'The order changed', true],
    ['413', { kind: 'config', status: 413, message: '' }, 'not set up correctly', false],
    ['415', { kind: 'config', status: 415, message: '' }, 'not set up correctly', false],
    [
      '429',
      { kind: 'rate_limited', status: 429, retryAfter: 30, message: '' },
      'Too many attempts. Try again in 30 s.',
      true,
    ],
    ['500', { kind: 'server', status: 500, message: '' }, 'unavailable right now', true],
    ['503', { kind: 'server', status: 503, message: '' }, 'unavailable right now', true],
    ['network', { kind: 'network', message: '' }, 'Could not reach the payment server', true],
    ['timeout', { kind: 'timeout', message: '' }, 'took too long', true],
    ['malformed', { kind: 'malformed', message: '' }, 'unexpected answer', true],
  ])('explains %s in an alert, with Retry only where it helps', (_, error, text, retry) => {
    show(failure(error, retry))
    expect(screen.getByRole('alert').textContent).toContain(text)
    expect(screen.queryByRole('button', { name: 'Try again' }) !== null).toBe(retry)
    expect(screen.getByRole('button', { name: 'Close' })).toBeTruthy()
  })

  it('holds Retry while the rate limit lasts', () => {
    show({ name: 'error', error: { kind: 'rate_limited', retryAfter: 5, message: '' }, retry: true, wait: 5 })
    expect(screen.getByRole('button', { name: 'Try again' }).hasAttribute('disabled')).toBe(true)
  })

  it.each([
    ['paid', true, 'Payment received', 'Thank you! Your payment went through.'],
    ['pending', true, 'Payment is processing', 'waiting for the bank'],
    ['pending', false, 'Payment is processing', 'We will email you'],
    ['failed', false, 'Payment failed', 'did not go through'],
  ] as const)('shows a %s result (polling: %s)', (status, polling, title, text) => {
    show({ name: 'result', status, payment: paymentAnswer(status), polling })
    expect(screen.getByRole('dialog', { name: title }).textContent).toContain(text)
    expect(screen.getByText(RRN)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Try again' }) !== null).toBe(status === 'failed')
  })

  it.each([
    ['az', 'Ödənişi təsdiqləyin', '5,23 ₼', 'Ödə 5,23\u00a0₼', 'Ləğv et'],
    ['en', 'Confirm your payment', '₼5.23', 'Pay ₼5.23', 'Cancel'],
    ['ru', 'Подтвердите оплату', '5,23 ₼', 'Оплатить 5,23\u00a0₼', 'Отмена'],
  ] as const)('speaks %s', (locale, title, amount, pay, cancel) => {
    show({ name: 'summary', order: checkoutAnswer({ amount: '5.23' }) }, locale)
    expect(screen.getByRole('dialog', { name: title }).getAttribute('lang')).toBe(locale)
    expect(screen.getByText(amount)).toBeTruthy()
    expect(screen.getByRole('button', { name: pay })).toBeTruthy()
    expect(screen.getByRole('button', { name: cancel })).toBeTruthy()
  })

  it('shows the misconfiguration instead of a button', () => {
    render(
      <CheckoutView
        phase={{ name: 'idle' }}
        locale="en"
        actions={actions}
        problem="item is required"
        canRestart
      />,
    )
    expect(screen.getByRole('alert').textContent).toBe(
      'The payment button is not set up correctly. item is required',
    )
    expect(screen.queryByRole('button')).toBeNull()
  })
})
