import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { define } from './define.ts'
import { inside, recordEvents, serve, setup } from './testing/checkout-harness.ts'
import { apiError, checkoutAnswer, ENDPOINT, json, paymentAnswer, RRN } from './testing/fake-server.ts'

function place(attributes = 'item="premium" locale="en"') {
  define({ endpoint: ENDPOINT })
  document.body.innerHTML = `<portmanat-checkout ${attributes}></portmanat-checkout>`
  const element = document.querySelector('portmanat-checkout')
  if (!element?.shadowRoot) throw new Error('not upgraded')
  return { element, root: element.shadowRoot, view: inside(element.shadowRoot) }
}

describe('<portmanat-checkout>', () => {
  it('renders an accessible Pay button into an open shadow root, styled without style elements', () => {
    const { view, root } = place()
    expect(view.getByRole('button', { name: 'Pay' }).getAttribute('aria-haspopup')).toBe('dialog')
    expect(root.mode).toBe('open')
    expect(root.querySelector('style, [style]')).toBeNull()
  })

  it('fires portmanat:ready once its button works', async () => {
    const ready = vi.fn()
    document.addEventListener('portmanat:ready', ready, { once: true })
    const { element } = place()
    await vi.waitFor(() => expect(ready).toHaveBeenCalledOnce())
    expect(ready.mock.calls[0]?.[0].target).toBe(element)
  })

  it('runs a checkout and fires its events on the element', async () => {
    const fetch = serve(() => json(201, checkoutAnswer()))
    const { view, element } = place('item="premium" locale="en" return-url="/thanks?x=1"')
    const events = recordEvents(element)
    await userEvent.setup().click(view.getByRole('button', { name: 'Pay' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    expect(fetch.calls[0]?.body).toEqual({
      item: 'premium',
      quantity: 1,
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
    expect(await view.findByRole('button', { name: '1.234,50\u00a0₼ ödə' })).toBeTruthy()
    expect(fetch.calls.map((call) => call.url)).toEqual([`${ENDPOINT}/api/items/premium`])
  })

  it('asks the server for the price of a quantity', async () => {
    const fetch = serve(() => json(200, { id: 'premium', title: 'Premium', amount: '15.69' }))
    const { view } = place('item="premium" locale="en" quantity="3" show-price')
    expect(await view.findByRole('button', { name: 'Pay ₼15.69' })).toBeTruthy()
    expect(fetch.calls[0]?.url).toBe(`${ENDPOINT}/api/items/premium?quantity=3`)
  })

  it('says an item the server does not sell is not available, instead of a Pay button', async () => {
    serve(() => apiError(404, 'unknown_item'))
    const { view } = place('item="gone" locale="en" show-price')
    const button = await view.findByRole('button', { name: 'Not available' })
    expect(button.hasAttribute('disabled')).toBe(true)
  })

  it('uses the label attribute', () => {
    expect(place('item="premium" label="Buy now"').view.getByRole('button', { name: 'Buy now' })).toBeTruthy()
  })

  it.each([
    ['', '[portmanat-checkout] item is required'],
    ['item="a" locale="de"', '[portmanat-checkout] invalid locale "de"'],
    ['item="a" theme="pink"', '[portmanat-checkout] invalid theme "pink"'],
    ['item="a" quantity="0"', '[portmanat-checkout] invalid quantity "0"'],
    ['item="a" endpoint="javascript:x"', '[portmanat-checkout] invalid endpoint "javascript:x"'],
  ])('fails loudly and visibly for <portmanat-checkout %s>', (attributes, message) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { view } = place(attributes)
    expect(error).toHaveBeenCalledWith(message)
    expect(error).toHaveBeenCalledOnce()
    expect(view.getByRole('alert').textContent).toContain(message)
    expect(view.queryByRole('button')).toBeNull()
  })

  it('leaves its alert alone while the message stays the same, so screen readers say it once', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { element, view } = place('item="a" theme="pink"')
    const alert = view.getByRole('alert')
    const changes = new MutationObserver(() => {})
    changes.observe(alert, { childList: true, characterData: true, subtree: true })
    element.setAttribute('label', 'Buy now')
    element.setAttribute('quantity', '2')
    expect(changes.takeRecords()).toEqual([])
    element.setAttribute('theme', 'blue')
    expect(changes.takeRecords()).not.toEqual([])
    expect(alert.textContent).toBe('[portmanat-checkout] invalid theme "blue"')
    changes.disconnect()
  })

  it('recovers when a bad attribute is fixed, keeping focus on its button across changes', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { view, element, root } = place('')
    element.setAttribute('item', 'premium')
    element.setAttribute('locale', 'en')
    const pay = view.getByRole('button', { name: 'Pay' })
    expect(view.queryByRole('alert')).toBeNull()
    pay.focus()
    element.setAttribute('label', 'Buy now')
    expect(root.activeElement).toBe(pay)
    expect(pay.textContent).toBe('Buy now')
  })

  it('stops when it leaves the page', async () => {
    const fetch = serve(() => json(200, paymentAnswer('pending')))
    const { host } = setup({}, { returnTo: ['pending', RRN] })
    await vi.waitFor(() => expect(fetch.calls).toHaveLength(1))
    vi.useFakeTimers()
    host.remove()
    await vi.advanceTimersByTimeAsync(30_000)
    expect(fetch.calls).toHaveLength(1)
  })
})

describe('the return page', () => {
  it('shows the server-confirmed result once, on the first element only', async () => {
    history.replaceState(null, '', `/shop?ref=7&portmanat_status=pending&client_rrn=${RRN}#top`)
    const fetch = serve(() => json(200, paymentAnswer('paid')))
    define({ endpoint: ENDPOINT })
    document.body.innerHTML =
      '<portmanat-checkout item="a" locale="en"></portmanat-checkout><portmanat-checkout item="b"></portmanat-checkout>'
    const [first, second] = document.querySelectorAll('portmanat-checkout')
    const view = inside(first?.shadowRoot)
    expect((await view.findByRole('dialog', { name: 'Payment received' })).textContent).toContain(RRN)
    expect(second?.shadowRoot?.querySelector('[role="dialog"]')).toBeNull()
    expect(location.pathname + location.search + location.hash).toBe('/shop?ref=7#top')
    expect(fetch.calls.map((call) => call.url)).toEqual([`${ENDPOINT}/api/payments/${RRN}`])
  })
})

describe('define', () => {
  it('is harmless to call again', () => {
    const first = define()
    expect(define()).toBe(first)
    expect(define({ endpoint: ENDPOINT })).toBe(first)
  })
})
