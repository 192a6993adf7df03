/** `GET /api/payments/:client_rrn`: an order's state for the widget; nothing secret. */
import { isClientRrn, type PaymentResponse, toCanonical } from '@portmanat-checkout/shared'
import { Hono } from 'hono'
import type { Services } from '../deps.ts'
import { allowedCors } from '../http/cors.ts'
import { ApiError } from '../http/errors.ts'
import { respond } from '../http/response-headers.ts'
import type { Recheck } from '../payments/recheck.ts'
import type { Order } from '../store/types.ts'

/** The public view of an order. `expired` reads as `failed` would to a buyer, but is kept exact. */
export function paymentView(order: Order): PaymentResponse {
  return {
    client_rrn: order.client_rrn,
    status: order.status,
    reason: order.reason,
    amount: toCanonical(order.qepik),
    title: order.title,
    updated_at: order.updated_at,
  }
}

export function paymentRoutes(s: Services, recheck: Recheck): Hono {
  const app = new Hono()
  app.use('/api/payments/*', allowedCors({ origins: s.config.allowedOrigins, allowMethods: ['GET'] }))
  app.get('/api/payments/:client_rrn', async (c) => {
    const clientRrn = c.req.param('client_rrn')
    if (!isClientRrn(clientRrn)) {
      throw new ApiError(400, 'invalid_request', 'client_rrn must be 24 characters of 0-9 and a-z', {
        client_rrn: ['must be 24 characters of 0-9 and a-z'],
      })
    }
    const order = await s.store.getOrder(clientRrn)
    if (!order) throw new ApiError(404, 'not_found', 'no order has this client_rrn')
    const current = await recheck(order)
    // The widget polls this: answered without Hono's Headers object (see response-headers.ts).
    return respond(c, JSON.stringify(paymentView(current)), 200, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
    })
  })
  return app
}
