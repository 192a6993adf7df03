/**
 * The test bank: `GET /bank` shows the card form, `POST /bank` checks the card and settles the
 * payment by the test card's outcome, then sends the buyer to the callback.
 */
import { parseAmount } from '@portmanat-checkout/shared'
import { Hono } from 'hono'
import { toCallback } from '../callback.ts'
import { checkCard } from '../cards.ts'
import { type SandboxDeps, sendPage, viewFor } from '../deps.ts'
import { text } from '../request-fields.ts'
import type { SandboxPayment } from '../types.ts'
import { bankPage } from '../views/bank-page.ts'
import { openFromForm, openPayment } from './flow-guard.ts'

const STATUS_OF = { paid: 'paid', declined: 'failed', pending: 'pending' } as const

// Amounts are stored canonical, so this always parses; 0 only guards the type.
const qepikOf = (payment: SandboxPayment) => {
  const parsed = parseAmount(payment.amount)
  return parsed.ok ? parsed.qepik : 0
}

export function bankRoutes(deps: SandboxDeps) {
  const app = new Hono()

  app.get('/bank', (c) => {
    const view = viewFor(c, deps.base)
    const open = openPayment(c, deps, view, c.req.query('psp_rrn') ?? '')
    if (!open.ok) return open.response
    return sendPage(c, bankPage(view, open.payment, open.service?.title ?? '', qepikOf(open.payment)))
  })

  app.post('/bank', async (c) => {
    const { fields, view, open } = await openFromForm(c, deps)
    if (!open.ok) return open.response
    const form = { number: text(fields, 'number'), expiry: text(fields, 'expiry'), cvv: text(fields, 'cvv') }
    const card = checkCard(form, deps.now())
    if (!card.ok) {
      // Shown again with what was typed, except the CVV.
      const page = bankPage(view, open.payment, open.service?.title ?? '', qepikOf(open.payment), {
        number: form.number,
        expiry: form.expiry,
        errors: card.errors,
      })
      return sendPage(c, page, 422)
    }
    const payment = deps.state.finish(open.payment.psp_rrn, STATUS_OF[card.outcome], {
      card_last4: card.last4,
      ...(card.outcome === 'pending' ? { pendingMs: deps.pendingDelayMs } : {}),
    })
    return toCallback(c, deps, view, payment)
  })

  return app
}
