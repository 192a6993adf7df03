/**
 * `POST /api/orders`: the merchant's backend (bearer `MERCHANT_API_KEY`) creates an order with
 * its own amount and gets an `order_token` the widget can pay with. Off unless the key is set.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { type CreateOrderResponse, clientRrnFrom, toCanonical } from '@portmanat-checkout/shared'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import * as v from 'valibot'
import { AmountSchema, displayText } from '../catalog.ts'
import type { Services } from '../deps.ts'
import { ApiError, errorBody } from '../http/errors.ts'
import { readJson } from '../http/json-body.ts'
import { isAllowedUrl, originOf } from '../http/origins.ts'
import { validate } from '../http/validate.ts'
import type { Secret } from '../secret.ts'

const CreateOrder = v.strictObject({
  amount: AmountSchema,
  title: displayText('title', 200, 1),
  description: v.optional(displayText('description', 1000)),
  reference: v.optional(
    v.pipe(
      v.string('reference must be a string'),
      v.regex(/^[\x20-\x7e]{1,200}$/, 'reference must be 1-200 printable ASCII characters'),
    ),
  ),
  return_url: v.optional(
    v.pipe(
      v.string('return_url must be a string'),
      v.maxLength(2048),
      v.check((s) => originOf(s) !== undefined, 'return_url must be an absolute http(s) URL'),
    ),
  ),
})

/** Compares a presented key with the configured one without leaking where they differ. */
export function sameKey(presented: string, expected: Secret): boolean {
  const a = createHash('sha256').update(presented).digest()
  const b = createHash('sha256').update(expected.reveal()).digest()
  return timingSafeEqual(a, b)
}

export function orderRoutes(s: Services, key: Secret): Hono {
  const { config, store, clock, logger } = s
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
      const input = validate(CreateOrder, body)
      if (input.return_url !== undefined && !isAllowedUrl(input.return_url, config.allowedOrigins)) {
        throw new ApiError(
          400,
          'return_url_not_allowed',
          'return_url must be on an origin in ALLOWED_ORIGINS',
          {
            return_url: ['not on an allowed origin'],
          },
        )
      }
      const token = Buffer.from(s.random(24)).toString('base64url')
      const result = await store.insertOrder(
        {
          client_rrn: clientRrnFrom(s.random),
          qepik: input.amount,
          item_id: null,
          title: input.title,
          description: input.description || null,
          reference: input.reference ?? null,
          return_url: input.return_url ?? null,
          locale: null,
          client_ip: null,
          idempotency_key: null,
          request_hash: null,
          order_token: token,
          livemode: config.mode === 'live',
        },
        clock(),
      )
      const order = result.inserted ? result.order : result.existing
      logger.info(
        { event: 'order.created_by_merchant', client_rrn: order.client_rrn, qepik: order.qepik },
        'merchant order created',
      )
      const response: CreateOrderResponse = {
        order_token: token,
        client_rrn: order.client_rrn,
        amount: toCanonical(order.qepik),
        title: order.title,
        status: order.status,
      }
      return c.json(response, 201)
    },
  )
  return app
}
