/**
 * `POST /api/orders`: the merchant's backend (bearer `MERCHANT_API_KEY`) creates an order with
 * its own amount and gets an `order_token` the widget can pay with, and a `pay_url` (its hosted
 * payment page) to share. Off unless the key is set.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { type CreateOrderResponse, toCanonical } from '@portmanat-checkout/shared'
import { Hono } from 'hono'
import type { Services } from '../deps.ts'
import { bodyLimit } from '../http/body-limit.ts'
import { ApiError, errorBody } from '../http/errors.ts'
import { readJson } from '../http/json-body.ts'
import { validate } from '../http/validate.ts'
import { createMerchantOrder, MerchantOrderInput } from '../payments/create-order.ts'
import type { Secret } from '../secret.ts'

/** Compares a presented key with the configured one without leaking where they differ. */
export function sameKey(presented: string, expected: Secret): boolean {
  const a = createHash('sha256').update(presented).digest()
  const b = createHash('sha256').update(expected.reveal()).digest()
  return timingSafeEqual(a, b)
}

export function orderRoutes(s: Services, key: Secret): Hono {
  const app = new Hono()
  app.post(
    '/api/orders',
    bodyLimit({
      maxSize: 8 * 1024,
      onError: (c) => c.json(errorBody('payload_too_large', 'the body is larger than 8192 bytes'), 413),
    }),
    async (c) => {
      const match = /^Bearer ([\x21-\x7e]+)$/.exec(c.req.header('authorization') ?? '')
      if (!match?.[1] || !sameKey(match[1], key)) {
        throw new ApiError(401, 'unauthorized', 'send Authorization: Bearer MERCHANT_API_KEY', undefined, {
          'WWW-Authenticate': 'Bearer realm="portmanat-checkout"',
        })
      }
      const body = await readJson(c)
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ApiError(400, 'invalid_request', 'the body must be a JSON object')
      }
      const { order, order_token, pay_url } = await createMerchantOrder(s, validate(MerchantOrderInput, body))
      const response: CreateOrderResponse = {
        order_token,
        client_rrn: order.client_rrn,
        amount: toCanonical(order.qepik),
        title: order.title,
        status: order.status,
        pay_url,
      }
      return c.json(response, 201)
    },
  )
  return app
}
