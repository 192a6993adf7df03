import { within } from '@testing-library/preact'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { handleReturn, open } from './open.ts'
import { resetReturnClaim } from './return-params.ts'
import { serve } from './testing/checkout-harness.ts'
import { apiError, checkoutAnswer, ENDPOINT, json, paymentAnswer, RRN } from './testing/fake-server.ts'

afterEach(() => {
  document.body.replaceChildren()
  history.replaceState(null, '', '/')
  resetReturnClaim()
  vi.unstubAllGlobals()
})

const modal = () => {
  const element = document.querySelector('portmanat-checkout-modal')
  return element?.shadowRoot ? within(element.shadowRoot as unknown as HTMLElement) : undefined
}

describe('open()', () => {
  it('renders the modal into a host on document.body and removes it when cancelled', async () => {
    serve(() => json(201, checkoutAnswer()))
    const onCancel = vi.fn()
    const opener = document.body.appendChild(document.createElement('button'))
    opener.focus()
    const handle = open({ item: 'premium', endpoint: ENDPOINT, locale: 'ru', theme: 'dark', onCancel })
    expect(document.querySelector('portmanat-checkout-modal')?.getAttribute('theme')).toBe('dark')
    expect(modal()?.queryByRole('button', { name: 'Оплатить' })).toBeNull()
    await modal()?.findByRole('dialog', { name: 'Подтвердите оплату' })
    handle.close()
    expect(document.querySelector('portmanat-checkout-modal')).toBeNull()
    expect(onCancel).toHaveBeenCalledWith({ client_rrn: RRN })
    expect(document.activeElement).toBe(opener)
  })

  it('calls onError with the error', async () => {
    serve(() => apiError(404, 'unknown_item'))
    const onError = vi.fn()
    open({ item: 'gone', endpoint: ENDPOINT, locale: 'en', onError })
    expect((await modal()?.findByRole('alert'))?.textContent).toContain('no longer available')
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
    expect(document.querySelector('portmanat-checkout-modal')).toBeNull()
  })
})

describe('handleReturn()', () => {
  it('does nothing without return parameters', () => {
    expect(handleReturn({ endpoint: ENDPOINT })).toBe(false)
    expect(document.querySelector('portmanat-checkout-modal')).toBeNull()
  })

  it('shows a pending payment, calls onPending and cleans the address bar, once', async () => {
    history.replaceState(null, '', `/?portmanat_status=pending&client_rrn=${RRN}`)
    serve(() => json(200, paymentAnswer('pending')))
    const onPending = vi.fn()
    expect(handleReturn({ endpoint: ENDPOINT, locale: 'en', onPending })).toBe(true)
    expect(await modal()?.findByRole('dialog', { name: 'Payment is processing' })).toBeTruthy()
    await vi.waitFor(() => expect(onPending).toHaveBeenCalledWith({ client_rrn: RRN, status: 'pending' }))
    expect(location.search).toBe('')
    expect(handleReturn({ endpoint: ENDPOINT })).toBe(false)
  })
})
