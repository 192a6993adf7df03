import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { handleReturn, open } from './open.ts'
import { inside, serve } from './testing/checkout-harness.ts'
import { apiError, checkoutAnswer, ENDPOINT, json, paymentAnswer, RRN } from './testing/fake-server.ts'

const modal = () => inside(document.querySelector('portmanat-checkout-modal')?.shadowRoot)

describe('open()', () => {
  it('renders the modal into a host on document.body and removes it when cancelled', async () => {
    serve(() => json(201, checkoutAnswer()))
    const onCancel = vi.fn()
    const opener = document.body.appendChild(document.createElement('button'))
    opener.focus()
    const handle = open({ item: 'premium', endpoint: ENDPOINT, locale: 'ru', theme: 'dark', onCancel })
    expect(document.querySelector('portmanat-checkout-modal')?.getAttribute('theme')).toBe('dark')
    await modal().findByRole('dialog', { name: 'Подтвердите оплату' })
    expect(modal().queryByRole('button', { name: 'Оплатить' })).toBeNull()
    handle.close()
    expect(document.querySelector('portmanat-checkout-modal')).toBeNull()
    expect(onCancel).toHaveBeenCalledWith({ client_rrn: RRN })
    expect(document.activeElement).toBe(opener)
  })

  it('sends the quantity', async () => {
    const fetch = serve(() => json(201, checkoutAnswer()))
    open({ item: 'premium', endpoint: ENDPOINT, locale: 'en', quantity: 2 })
    await modal().findByRole('dialog', { name: 'Confirm your payment' })
    expect(fetch.calls[0]?.body).toMatchObject({ quantity: 2 })
  })

  it('calls onError with the error', async () => {
    serve(() => apiError(404, 'unknown_item'))
    const onError = vi.fn()
    open({ item: 'gone', endpoint: ENDPOINT, locale: 'en', onError })
    expect((await modal().findByRole('alert')).textContent).toBe('Not available')
    expect(onError).toHaveBeenCalledWith({
      error: expect.objectContaining({ kind: 'not_found', status: 404 }),
    })
    await userEvent.setup().keyboard('{Escape}')
    expect(document.querySelector('portmanat-checkout-modal')).toBeNull()
  })

  it('throws the parser message for bad options', () => {
    expect(() => open({ item: '', endpoint: ENDPOINT })).toThrow('[portmanat-checkout] item is required')
    expect(() => open({ item: 'a' })).toThrow('endpoint is required')
    expect(() => open({ item: 'a', endpoint: ENDPOINT, returnUrl: 'javascript:x' })).toThrow(TypeError)
    expect(() => open({ item: 'a', endpoint: ENDPOINT, quantity: 1.5 })).toThrow('invalid quantity "1.5"')
    expect(document.querySelector('portmanat-checkout-modal')).toBeNull()
  })
})

describe('handleReturn()', () => {
  it('does nothing without return parameters', () => {
    expect(handleReturn({ endpoint: ENDPOINT })).toBe(false)
    expect(document.querySelector('portmanat-checkout-modal')).toBeNull()
  })

  it('shows a pending payment, calls onPending and keeps the address until it is final, once', async () => {
    history.replaceState(null, '', `/?portmanat_status=pending&client_rrn=${RRN}`)
    serve(() => json(200, paymentAnswer('pending')))
    const onPending = vi.fn()
    expect(handleReturn({ endpoint: ENDPOINT, locale: 'en', onPending })).toBe(true)
    expect(await modal().findByRole('dialog', { name: 'Payment is processing' })).toBeTruthy()
    await vi.waitFor(() => expect(onPending).toHaveBeenCalledWith({ client_rrn: RRN, status: 'pending' }))
    expect(location.search).toContain(RRN)
    expect(handleReturn({ endpoint: ENDPOINT })).toBe(false)
  })
})
