import { within } from '@testing-library/preact'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { define } from './define.ts'
import { resetReturnClaim } from './return-params.ts'
import { recordEvents, serve } from './testing/checkout-harness.ts'
import { checkoutAnswer, ENDPOINT, json, paymentAnswer, RRN } from './testing/fake-server.ts'

beforeAll(() => {
  define({ endpoint: ENDPOINT })
})

afterEach(() => {
  document.body.replaceChildren()
  document.documentElement.lang = ''
  history.replaceState(null, '', '/')
  resetReturnClaim()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

function place(attributes = 'item="premium" locale="en"') {
  document.body.innerHTML = `<portmanat-checkout ${attributes}></portmanat-checkout>`
  const element = document.querySelector('portmanat-checkout')
  if (!element?.shadowRoot) throw new Error('not upgraded')
  return { element, root: element.shadowRoot, view: within(element.shadowRoot as unknown as HTMLElement) }
}

describe('<portmanat-checkout>', () => {
  it('renders an accessible Pay button into an open shadow root, styled without style elements', () => {
    const { view, root } = place()
    expect(view.getByRole('button', { name: 'Pay' }).getAttribute('aria-haspopup')).toBe('dialog')
    expect(root.mode).toBe('open')
    expect(root.querySelector('style, [style]')).toBeNull()
  })

  it('runs a checkout and fires its events on the element', async () => {
    const fetch = serve(() => json(201, checkoutAnswer()))
    const { view, element } = place('item="premium" locale="en" return-url="/thanks?x=1"')
    const events = recordEvents(element)
    await userEvent.setup().click(view.getByRole('button', { name: 'Pay' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    expect(fetch.calls[0]?.body).toEqual({
      item: 'premium',
      return_url: 'http://localhost:3000/thanks?x=1',
      locale: 'en',
    })
    await userEvent.setup().keyboard('{Escape}')
    expect(events).toEqual([['cancel', { client_rrn: RRN }]])
  })

  it('shows the price on the button with show-price, in the page language', async () => {
    document.documentElement.lang = 'az'
    const fetch = serve(() => json(200, { id: 'premium', title: 'Premium', amount: '1234.50' }))
    const { view } = place('item="premium" show-price')
    expect(await view.findByRole('button', { name: 'Ödə 1.234,50\u00a0₼' })).toBeTruthy()
    expect(fetch.calls.map((call) => call.url)).toEqual([`${ENDPOINT}/api/items/premium`])
  })

  it('uses the label attribute', () => {
    expect(place('item="premium" label="Buy now"').view.getByRole('button', { name: 'Buy now' })).toBeTruthy()
  })

  it.each([
    ['', '[portmanat-checkout] item is required'],
    ['item="a" locale="de"', '[portmanat-checkout] invalid locale "de"'],
    ['item="a" theme="pink"', '[portmanat-checkout] invalid theme "pink"'],
    ['item="a" endpoint="javascript:x"', '[portmanat-checkout] invalid endpoint "javascript:x"'],
  ])('fails loudly and visibly for <portmanat-checkout %s>', (attributes, message) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { view } = place(attributes)
    expect(error).toHaveBeenCalledWith(message)
    expect(error).toHaveBeenCalledOnce()
    expect(view.getByRole('alert').textContent).toContain(message)
    expect(view.queryByRole('button')).toBeNull()
  })

  it('recovers when a bad attribute is fixed', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { view, element } = place('')
    element.setAttribute('item', 'premium')
    element.setAttribute('locale', 'en')
    expect(view.getByRole('button', { name: 'Pay' })).toBeTruthy()
    expect(view.queryByRole('alert')).toBeNull()
  })

  it('stops when it leaves the page', async () => {
    vi.useFakeTimers()
    history.replaceState(null, '', `/?portmanat_status=pending&client_rrn=${RRN}`)
    const fetch = serve(() => json(200, paymentAnswer('pending')))
    const { element } = place()
    await vi.advanceTimersByTimeAsync(0)
    element.remove()
    await vi.advanceTimersByTimeAsync(30_000)
    expect(fetch.calls).toHaveLength(1)
    vi.useRealTimers()
  })
})

describe('the return page', () => {
  it('shows the server-confirmed result once, fires portmanat:success and cleans the address bar', async () => {
    history.replaceState(null, '', `/shop?ref=7&portmanat_status=pending&client_rrn=${RRN}#top`)
    const fetch = serve(() => json(200, paymentAnswer('paid')))
    const successes: unknown[] = []
    document.addEventListener('portmanat:success', (event) =>
      successes.push(event instanceof CustomEvent && event.detail),
    )
    document.body.innerHTML =
      '<portmanat-checkout item="a" locale="en"></portmanat-checkout><portmanat-checkout item="b"></portmanat-checkout>'
    const [first, second] = document.querySelectorAll('portmanat-checkout')
    const view = within(first?.shadowRoot as unknown as HTMLElement)
    expect((await view.findByRole('dialog', { name: 'Payment received' })).textContent).toContain(RRN)
    expect(second?.shadowRoot?.querySelector('[role="dialog"]')).toBeNull()
    expect(location.pathname + location.search + location.hash).toBe('/shop?ref=7#top')
    expect(fetch.calls.map((call) => call.url)).toEqual([`${ENDPOINT}/api/payments/${RRN}`])
    expect(successes).toEqual([{ client_rrn: RRN, status: 'paid' }])
  })
})

describe('define', () => {
  it('is harmless to call again', () => {
    const first = customElements.get('portmanat-checkout')
    expect(define()).toBe(first)
    expect(define({ endpoint: ENDPOINT })).toBe(first)
  })
})
