/**
 * Sends the buyer to the PSP: a real top-level form POST, built in the light DOM of the page
 * (a form inside a shadow root or an iframe would not navigate the top window the same way).
 */
import type { CheckoutResponse } from '@portmanat-checkout/shared'

/** Builds the form for the server's `redirect`, with exactly the server's fields, and adds it to `doc.body`. */
export function buildRedirectForm(
  redirect: CheckoutResponse['redirect'],
  doc: Document = document,
): HTMLFormElement {
  const form = doc.createElement('form')
  form.method = 'POST'
  form.action = redirect.url
  form.hidden = true
  for (const [name, value] of Object.entries(redirect.fields)) {
    const input = doc.createElement('input')
    input.type = 'hidden'
    input.name = name
    input.value = value
    form.append(input)
  }
  doc.body.append(form)
  return form
}

/** Builds the form and submits it: the page navigates to the PSP. */
export function submitRedirect(redirect: CheckoutResponse['redirect']): void {
  // Through the prototype: a field named "submit" would shadow form.submit.
  HTMLFormElement.prototype.submit.call(buildRedirectForm(redirect))
}
