import { afterEach, describe, expect, it, vi } from 'vitest'
import { checkoutAnswer } from '../testing/fake-server.ts'
import { buildRedirectForm, submitRedirect } from './redirect-form.ts'

afterEach(() => {
  vi.restoreAllMocks()
  document.body.replaceChildren()
})

describe('the redirect form', () => {
  it('is a hidden POST form in the light DOM with exactly the server fields', () => {
    const { redirect } = checkoutAnswer()
    const fields = { ...redirect.fields, submit: 'x' }
    const form = buildRedirectForm({ ...redirect, fields })
    expect(form.parentNode).toBe(document.body)
    expect(form.method).toBe('post')
    expect(form.action).toBe(redirect.url)
    expect(form.hidden).toBe(true)
    expect([...new FormData(form)]).toEqual([...Object.entries(redirect.fields), ['submit', 'x']])
    expect(
      [...form.elements].every((input) => input instanceof HTMLInputElement && input.type === 'hidden'),
    ).toBe(true)
  })

  it('is submitted as a real form POST, even with a field named submit', () => {
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {})
    const { redirect } = checkoutAnswer()
    const fields = { ...redirect.fields, submit: 'x' }
    submitRedirect({ ...redirect, fields })
    expect(submit).toHaveBeenCalledOnce()
    expect(submit.mock.contexts[0]).toBe(document.querySelector('form'))
  })
})
