/** What a checkout attempt sends: its idempotency key, and the form that takes the buyer to the PSP. */
import type { Summary } from './answers.ts'

/**
 * A fresh `Idempotency-Key`: `crypto.randomUUID` exists only in secure contexts (not on a
 * plain-http shop), `getRandomValues` everywhere.
 */
export const newKey = (): string =>
  crypto.randomUUID?.() ?? crypto.getRandomValues(new Uint32Array(4)).join('-')

/**
 * Sends the buyer to the PSP: a real top-level form POST of exactly the server's fields, built
 * in the light DOM of the page (not in a shadow root, popup or iframe).
 */
export function submitForm({ url, fields }: Summary['redirect']): void {
  const form = document.createElement('form')
  form.method = 'POST'
  form.action = url
  form.hidden = true
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input')
    input.type = 'hidden'
    input.name = name
    input.value = value
    form.append(input)
  }
  document.body.append(form)
  // Through the prototype: a field named "submit" would shadow form.submit.
  HTMLFormElement.prototype.submit.call(form)
}
