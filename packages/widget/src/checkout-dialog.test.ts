import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { serve, setup } from './testing/checkout-harness.ts'
import { checkoutAnswer, json, RRN } from './testing/fake-server.ts'

describe('the dialog', () => {
  it('is modal, labelled by its title, described by its text and order, and announces phases politely', async () => {
    let answer: (response: Response) => void = () => {}
    serve(() => new Promise<Response>((resolve) => (answer = resolve)))
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal')
    const { view, root } = setup()
    view.getByRole('button', { name: 'Pay' }).click()
    const dialog = await view.findByRole('dialog', { name: 'Preparing your order…' })
    // A native modal dialog: the top layer, the page behind inert (checked in Chromium).
    expect(showModal.mock.contexts).toEqual([dialog])
    expect(dialog.closest('[lang]')?.getAttribute('lang')).toBe('en')
    const live = root.querySelector('[aria-live="polite"]')
    expect(live?.textContent).toBe('Preparing your order…')
    answer(json(201, checkoutAnswer()))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    expect(live?.textContent).toBe('Confirm your payment')
    const description = root.getElementById(dialog.getAttribute('aria-describedby') ?? '')
    expect(description?.textContent).toContain(RRN)
    expect(root.querySelector('style, [style]')).toBeNull()
  })

  it('is keyboard-operable: focus in, Escape closes and focus returns', async () => {
    serve(() => json(201, checkoutAnswer()))
    const user = userEvent.setup()
    const { view, active, events } = setup()
    const pay = view.getByRole('button', { name: 'Pay' })
    pay.focus()
    await user.keyboard('{Enter}')
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    // Focus goes to the primary action (Tab stays inside: the browser suite checks that).
    expect(active()).toBe(view.getByRole('button', { name: 'Pay ₼5.23' }))
    await user.keyboard('{Escape}')
    expect(view.queryByRole('dialog')).toBeNull()
    expect(active()).toBe(pay)
    expect(events).toEqual([['cancel', { client_rrn: RRN }]])
  })

  it('closes with its × button, on a backdrop click, but not on a click inside the dialog', async () => {
    serve(() => json(201, checkoutAnswer()))
    const user = userEvent.setup()
    const { view } = setup()
    await user.click(view.getByRole('button', { name: 'Pay' }))
    const dialog = await view.findByRole('dialog', { name: 'Confirm your payment' })
    await user.click(view.getByRole('heading'))
    await user.click(dialog.firstElementChild as HTMLElement)
    expect(view.queryByRole('dialog')).not.toBeNull()
    // A click on the <dialog> element itself is a click on its backdrop: its content is the box inside.
    await user.click(dialog)
    expect(view.queryByRole('dialog')).toBeNull()
    await user.click(view.getByRole('button', { name: 'Pay' }))
    await user.click(await view.findByRole('button', { name: 'Close' }))
    expect(view.queryByRole('dialog')).toBeNull()
  })

  it('keeps the page behind it from scrolling while it is open', async () => {
    // jsdom cannot construct sheets: a stand-in that keeps its text.
    vi.stubGlobal(
      'CSSStyleSheet',
      class {
        text = ''
        replaceSync(text: string) {
          this.text = text
        }
      },
    )
    const locks = () =>
      document.adoptedStyleSheets.filter((sheet) =>
        (sheet as unknown as { text: string }).text.includes('overflow:hidden'),
      )
    serve(() => json(201, checkoutAnswer()))
    const { view } = setup()
    await userEvent.setup().click(view.getByRole('button', { name: 'Pay' }))
    await view.findByRole('dialog', { name: 'Confirm your payment' })
    expect(locks()).toHaveLength(1)
    await userEvent.setup().keyboard('{Escape}')
    expect(locks()).toHaveLength(0)
  })

  it.each([
    [
      'az',
      'Ödə',
      'Ödənişi təsdiqləyin',
      'Məbləğ',
      '5,23\u00a0₼',
      '5,23\u00a0₼ ödə',
      'Ləğv et',
      'Sifariş nömrəsi',
    ],
    ['en', 'Pay', 'Confirm your payment', 'Amount', '₼5.23', 'Pay ₼5.23', 'Cancel', 'Order number'],
    [
      'ru',
      'Оплатить',
      'Подтвердите оплату',
      'Сумма',
      '5,23\u00a0₼',
      'Оплатить 5,23\u00a0₼',
      'Отмена',
      'Номер заказа',
    ],
  ] as const)(
    'speaks %s',
    async (locale, payLabel, title, amountLabel, amount, confirm, cancel, reference) => {
      serve(() => json(201, checkoutAnswer()))
      const { view } = setup({ locale })
      const pay = view.getByRole('button', { name: payLabel })
      expect(pay.closest('[lang]')?.getAttribute('lang')).toBe(locale)
      await userEvent.setup().click(pay)
      const dialog = await view.findByRole('dialog', { name: title })
      expect(dialog.textContent).toContain(amountLabel)
      expect(dialog.textContent).toContain(amount)
      expect(dialog.textContent).toContain(reference)
      expect(view.getByRole('button', { name: confirm })).toBeTruthy()
      expect(view.getByRole('button', { name: cancel })).toBeTruthy()
    },
  )

  it('groups thousands in the amount', async () => {
    serve(() =>
      json(
        201,
        checkoutAnswer({
          amount: '2499.00',
          redirect: {
            ...checkoutAnswer().redirect,
            fields: { ...checkoutAnswer().redirect.fields, amount: '2499.00' },
          },
        }),
      ),
    )
    const { view } = setup({ locale: 'ru' })
    await userEvent.setup().click(view.getByRole('button', { name: 'Оплатить' }))
    expect(await view.findByRole('button', { name: 'Оплатить 2\u00a0499,00\u00a0₼' })).toBeTruthy()
  })

  it('falls back to the page language, then Azerbaijani', () => {
    document.documentElement.lang = 'ru'
    expect(setup({ locale: undefined }).view.getByRole('button', { name: 'Оплатить' })).toBeTruthy()
    document.documentElement.lang = ''
    vi.stubGlobal('navigator', { ...navigator, languages: ['de-DE'] })
    expect(setup({ locale: undefined }).view.getByRole('button', { name: 'Ödə' })).toBeTruthy()
  })
})
