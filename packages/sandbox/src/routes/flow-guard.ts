/**
 * Finds the payment a buyer's form is about and makes sure it can still move: unknown
 * payments get a 404 page, finished ones a 409 page.
 */
import type { Context } from 'hono'
import { type SandboxDeps, sendPage, viewFor } from '../deps.ts'
import { type Fields, readFields, text } from '../request-fields.ts'
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

/**
 * A buyer's form post on an open payment (Continue, Cancel, the card form): its fields, the page
 * language they carry, and the payment named by their `psp_rrn`.
 */
export async function openFromForm(c: Context, deps: SandboxDeps) {
  const body = await readFields(c)
  const fields: Fields = body.ok ? body.fields : new Map()
  const view = viewFor(c, deps.base, text(fields, 'lang'))
  return { fields, view, open: openPayment(c, deps, view, text(fields, 'psp_rrn')) }
}
