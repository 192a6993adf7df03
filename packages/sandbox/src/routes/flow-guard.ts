/**
 * Finds the payment a buyer's form is about and makes sure it can still move: unknown
 * payments get a 404 page, finished ones a 409 page.
 */
import type { Context } from 'hono'
import { type SandboxDeps, sendPage } from '../deps.ts'
import type { SandboxPayment, SandboxService } from '../types.ts'
import type { View } from '../views/layout.ts'
import { messagePage } from '../views/pages.ts'

export type Open =
  | { ok: true; payment: SandboxPayment; service: Required<SandboxService> | undefined }
  | { ok: false; response: Response | Promise<Response> }

export function openPayment(c: Context, deps: SandboxDeps, view: View, pspRrn: string): Open {
  const { t } = view
  const payment = pspRrn ? deps.state.payment(pspRrn) : undefined
  if (!payment)
    return { ok: false, response: sendPage(c, messagePage(view, t.notFoundTitle, t.paymentNotFound), 404) }
  if (payment.status !== 'created') {
    return {
      ok: false,
      response: sendPage(c, messagePage(view, t.paymentFinished, t.paymentFinishedText), 409),
    }
  }
  return { ok: true, payment, service: deps.state.service(payment.service_id) }
}
