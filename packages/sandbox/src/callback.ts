/**
 * Sends the buyer's browser to the service's callback URL with `psp_rrn` and `client_rrn`,
 * by GET (a 303 redirect) or POST (an auto-submitting form), as the service is configured.
 */
import type { Context } from 'hono'
import { type SandboxDeps, sendPage } from './deps.ts'
import type { SandboxPayment } from './types.ts'
import { callbackFormPage, resultPage } from './views/callback-pages.ts'
import type { View } from './views/layout.ts'

/** The callback URL with the two parameters, URL-encoded (`psp_rrn` has `]`, `+`, `/`, `=`). */
export function callbackUrl(base: string, payment: SandboxPayment): string {
  const url = new URL(base)
  url.searchParams.set('psp_rrn', payment.psp_rrn)
  url.searchParams.set('client_rrn', payment.client_rrn)
  return url.toString()
}

export function toCallback(
  c: Context,
  deps: SandboxDeps,
  view: View,
  payment: SandboxPayment,
): Response | Promise<Response> {
  const service = deps.state.service(payment.service_id)
  if (!service?.callback_url) return sendPage(c, resultPage(view, payment))
  if (service.callback_method === 'POST')
    return sendPage(c, callbackFormPage(view, service.callback_url, payment))
  return c.redirect(callbackUrl(service.callback_url, payment), 303)
}
