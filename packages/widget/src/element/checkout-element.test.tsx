import { within } from '@testing-library/preact'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { define } from '../define.ts'
import { resetReturnClaim } from '../flow/return-params.ts'
import {
  apiError,
  checkoutAnswer,
  ENDPOINT,
  type FakeFetch,
  fakeFetch,
  json,
  paymentAnswer,
  RRN,
} from '../testing/fake-server.ts'

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

function serve(handler: Parameters<typeof fakeFetch>[0]): FakeFetch {
  const fetch = fakeFetch(handler)
  vi.stubGlobal('fetch', fetch)
  return fetch
}

function mount(attributes = 'item="premium" locale="en"') {
  document.body.innerHTML = `<portmanat-checkout ${attributes}></portmanat-checkout>`
  const element = document.querySelector('portmanat-checkout')
  if (!element?.shadowRoot) throw new Error('not upgraded')
  // Testing Library queries any node with querySelectorAll; its types only say HTMLElement.
  const view = within(element.shadowRoot as unknown as HTMLElement)
  const root = element.shadowRoot
  return { element, view, root, active: () => root.activeElement }
}

const record = (element: Element, name: string) => {
  const details: unknown[] = []
  document.addEventListener(name, (event) => {
    if (event instanceof CustomEvent && event.composed && event.bubbles && event.target === element)
      details.push(event.detail)
  })
  return details
}

describe('<portmanat-checkout>', () => {
  it('renders an accessible Pay button into an open shadow root', () => {
    const { view, root } = mount()
    const button = view.getByRole('button', { name: 'Pay' })
    expect(button.getAttribute('aria-haspopup')).toBe('dialog')
    expect(root.mode).toBe('open')
    expect(root.querySelector('style, [style]')).toBeNull()
  })

  it('runs the flow: loading, summary, then a top-level form POST of exactly the server fields', async () => {
    let answer: (response: Response) => void = () => {}
    const fetch = serve(() => new Promise<Response>((resolve) => (answer = resolve)))
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {})
    const user = userEvent.setup()
    const { view } = mount()
    const pay = view.getByRole('button', { name: 'Pay' })
    await user.click(pay)
    expect(view.getByRole('dialog', { name: 'Preparing your order…' })).toBeTruthy()
    expect(pay.getAttribute('aria-busy')).toBe('true')
    answer(json(201, checkoutAnswer()))
    const dialog = await view.findByRole('dialog', { name: 'Confirm your payment' })
    expect(pay.hasAttribute('aria-busy')).toBe(false)
    expect(fetch.calls[0]?.body).toEqual({
      item: 'premium',
      return_url: 'http://localhost:3000/',
      locale: 'en',
    })
    await user.click(within(dialog).getByRole('button', { name: 'Pay ₼5.23' }))
    expect(submit).toHaveBeenCalledOnce()
    const form = document.body.querySelector(':scope > form')
    expect(form?.getAttribute('action')).toBe(checkoutAnswer().redirect.url)
    expect(form?.getAttribute('method')).toBe('POST')
    expect(Object.fromEntries(new FormData(form as HTMLFormElement))).toEqual(
      checkoutAnswer().redirect.fields,
    )
    expect(view.getByRole('dialog').textContent).toContain('Taking you to the secure card page')
  })

  it('sends one request for a double click', async () => {
    const fetch = serve(() => json(201, checkoutAnswer()))
    const user = userEvent.setup()
    const { view } = mount()
    await user.dblClick(view.getByRole('button', { name: 'Pay' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    expect(fetch.calls).toHaveLength(1)
  })

  it('is keyboard-operable: focus in, Tab cycles, Escape closes and focus returns', async () => {
    serve(() => json(201, checkoutAnswer()))
    const user = userEvent.setup()
    const { view, active, element } = mount()
    const details = record(element, 'portmanat:cancel')
    const pay = view.getByRole('button', { name: 'Pay' })
    pay.focus()
    await user.keyboard('{Enter}')
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    const confirm = view.getByRole('button', { name: 'Pay ₼5.23' })
    const cancel = view.getByRole('button', { name: 'Cancel' })
    expect(active()).toBe(confirm)
    await user.keyboard('{Tab}')
    expect(active()).toBe(cancel)
    await user.keyboard('{Tab}')
    expect(active()).toBe(confirm)
    await user.keyboard('{Shift>}{Tab}{/Shift}')
    expect(active()).toBe(cancel)
    await user.keyboard('{Shift>}{Tab}{/Shift}')
    expect(active()).toBe(confirm)
    await user.keyboard('{Escape}')
    expect(view.queryByRole('dialog')).toBeNull()
    expect(active()).toBe(pay)
    expect(details).toEqual([{ client_rrn: RRN }])
  })

  it('closes on a backdrop click but not on a click inside the dialog', async () => {
    serve(() => json(201, checkoutAnswer()))
    const user = userEvent.setup()
    const { view, root } = mount()
    await user.click(view.getByRole('button', { name: 'Pay' }))
    const dialog = await view.findByRole('dialog', { name: 'Confirm your payment' })
    await user.click(dialog)
    expect(view.queryByRole('dialog')).not.toBeNull()
    const backdrop = root.querySelector('.backdrop')
    if (!(backdrop instanceof HTMLElement)) throw new Error('no backdrop')
    await user.click(backdrop)
    expect(view.queryByRole('dialog')).toBeNull()
  })

  it('shows a server error with Retry, reusing the idempotency key, and fires portmanat:error', async () => {
    const fetch = serve((_, index) =>
      index === 0 ? apiError(503, 'unavailable') : json(201, checkoutAnswer()),
    )
    const user = userEvent.setup()
    const { view, element } = mount()
    const errors = record(element, 'portmanat:error')
    await user.click(view.getByRole('button', { name: 'Pay' }))
    expect((await view.findByRole('alert')).textContent).toContain('unavailable right now')
    expect(errors).toEqual([
      { error: { kind: 'server', status: 503, code: 'unavailable', message: 'unavailable happened' } },
    ])
    await user.click(view.getByRole('button', { name: 'Try again' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    const keys = fetch.calls.map((call) => call.headers.get('idempotency-key'))
    expect(keys[0]).toBeTruthy()
    expect(keys[1]).toBe(keys[0])
  })

  it('shows the price on the button with show-price, in the page language', async () => {
    document.documentElement.lang = 'az'
    const fetch = serve(() => json(200, { id: 'premium', title: 'Premium', amount: '1234.50' }))
    const { view } = mount('item="premium" show-price')
    expect(await view.findByRole('button', { name: 'Ödə 1.234,50\u00a0₼' })).toBeTruthy()
    expect(fetch.calls[0]?.url).toBe(`${ENDPOINT}/api/items/premium`)
  })

  it.each([
    ['ru', 'Оплатить'],
    ['az', 'Ödə'],
    ['en', 'Pay'],
  ])('speaks %s from the locale attribute', (locale, pay) => {
    const { view } = mount(`item="premium" locale="${locale}"`)
    expect(view.getByRole('button', { name: pay }).getAttribute('lang')).toBe(locale)
  })

  it('falls back to Azerbaijani', () => {
    vi.stubGlobal('navigator', { ...navigator, languages: ['de-DE'] })
    const { view } = mount('item="premium"')
    expect(view.getByRole('button', { name: 'Ödə' })).toBeTruthy()
  })

  it.each([
    ['', '[portmanat-checkout] item is required'],
    ['item="a" locale="de"', '[portmanat-checkout] locale "de" must be one of az, en, ru'],
    ['item="a" theme="pink"', '[portmanat-checkout] theme "pink" must be one of light, dark, auto'],
    [
      'item="a" endpoint="javascript:x"',
      '[portmanat-checkout] endpoint "javascript:x" must be an http(s) URL without query or hash',
    ],
  ])('fails loudly and visibly for <portmanat-checkout %s>', (attributes, message) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { view } = mount(attributes)
    expect(error).toHaveBeenCalledWith(message)
    expect(view.getByRole('alert').textContent).toContain(message.replace('[portmanat-checkout] ', ''))
    expect(view.queryByRole('button')).toBeNull()
  })

  it('recovers when a bad attribute is fixed', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { view, element } = mount('')
    element.setAttribute('item', 'premium')
    element.setAttribute('locale', 'en')
    expect(view.getByRole('button', { name: 'Pay' })).toBeTruthy()
    expect(view.queryByRole('alert')).toBeNull()
  })

  it('uses label and return-url', async () => {
    const fetch = serve(() => json(201, checkoutAnswer()))
    const user = userEvent.setup()
    const { view } = mount('item="premium" locale="en" label="Buy now" return-url="/thanks?x=1"')
    await user.click(view.getByRole('button', { name: 'Buy now' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    expect(fetch.calls[0]?.body).toMatchObject({ return_url: 'http://localhost:3000/thanks?x=1' })
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
