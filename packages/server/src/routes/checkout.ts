/**
 * `POST /api/checkout`: the browser names what it wants (a catalog item or an order token), the
 * server decides the price, stores the order as `created` and answers with the signed form the
 * widget posts to the PSP.
 */
import { createHash } from 'node:crypto'
import { type CheckoutResponse, LOCALES } from '@portmanat-checkout/shared'
import { type Context, Hono } from 'hono'
import { rateLimiter } from 'hono-rate-limiter'
import * as v from 'valibot'
import { ITEM_ID_PATTERN, Quantity } from '../catalog.ts'
import { checkoutResponse } from '../checkout-response.ts'
import type { Services } from '../deps.ts'
import { bodyLimit } from '../http/body-limit.ts'
import { clientIp } from '../http/client-ip.ts'
import { allowedCors } from '../http/cors.ts'
import { ApiError, errorBody } from '../http/errors.ts'
import { readJson } from '../http/json-body.ts'
import { isAllowedUrl } from '../http/origins.ts'
import { requestHeader } from '../http/request-header.ts'
import { respond } from '../http/response-headers.ts'
import { validate } from '../http/validate.ts'
import { localeFromHeader } from '../pages/i18n.ts'
import {
  assertAllowedReturnUrl,
  createCatalogOrder,
  openMerchantOrder,
  ReturnUrl,
} from '../payments/create-order.ts'

/** Largest accepted checkout body; a real one is under 300 bytes. */
export const CHECKOUT_BODY_LIMIT = 4 * 1024

const PRICE_FIELDS = ['amount', 'price', 'currency'] as const

const Locale = v.picklist(LOCALES, `locale must be one of ${LOCALES.join(', ')}`)

// One message function for the object's own issues: a key we do not know, or one that is missing.
const objectMessage = (issue: v.BaseIssue<unknown>) =>
  issue.expected === 'never' ? 'unknown field' : issue.received === 'undefined' ? 'is required' : 'invalid'

const ItemRequest = v.strictObject(
  {
    item: v.pipe(
      v.string('item must be a string'),
      v.regex(ITEM_ID_PATTERN, 'item must match [a-z0-9_-]{1,64}'),
    ),
    quantity: v.optional(Quantity),
    return_url: v.optional(ReturnUrl),
    locale: v.optional(Locale),
  },
  objectMessage,
)

const TokenRequest = v.strictObject(
  {
    order_token: v.pipe(
      v.string('order_token must be a string'),
      v.regex(/^[A-Za-z0-9_-]{22,128}$/, 'order_token is malformed'),
    ),
    return_url: v.optional(ReturnUrl),
    locale: v.optional(Locale),
  },
  objectMessage,
)

const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/

function parseRequest(body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'invalid_request', 'the body must be a JSON object')
  }
  const priced = PRICE_FIELDS.filter((field) => field in body)
  if (priced.length > 0) {
    throw new ApiError(
      400,
      'price_in_body',
      'the price is decided by the server: remove amount, price and currency',
      {
        [priced[0] ?? 'amount']: ['not accepted from the browser'],
      },
    )
  }
  if ('order_token' in body) return { kind: 'token' as const, ...validate(TokenRequest, body) }
  return { kind: 'item' as const, ...validate(ItemRequest, body) }
}

export function checkoutRoutes(s: Services): Hono {
  const { config } = s
  const app = new Hono()
  const ipOf = (c: Parameters<typeof clientIp>[0]) => clientIp(c, s.remoteAddress, config.trustProxy)

  // Any origin may read the answers: an unknown one gets the 403 below (before anything is
  // created), which the widget turns into a message naming ALLOWED_ORIGINS.
  app.use('/api/checkout', allowedCors({ origins: config.allowedOrigins, readableRefusals: true }))
  if (config.rateLimit !== null) {
    app.post(
      '/api/checkout',
      rateLimiter({
        windowMs: 60_000,
        limit: config.rateLimit,
        // The limit's headers go on the refusal only: a checkout that passes answers through
        // respond(), without the Headers object they would need.
        standardHeaders: false,
        keyGenerator: (c) => ipOf(c) ?? 'unknown',
        handler: (c) =>
          c.json(
            errorBody('rate_limited', 'too many checkouts from this address; try again shortly'),
            429,
            rateLimitHeaders(c.get('rateLimit'), 60_000),
          ),
      }),
    )
  }
  app.post(
    '/api/checkout',
    bodyLimit({
      maxSize: CHECKOUT_BODY_LIMIT,
      onError: (c) =>
        c.json(errorBody('payload_too_large', `the body is larger than ${CHECKOUT_BODY_LIMIT} bytes`), 413),
    }),
  )

  app.post('/api/checkout', async (c) => {
    const origin = requestHeader(c, 'origin')
    // Browsers always send Origin on a cross-site POST; one we do not know is refused outright.
    if (origin && origin !== 'null' && !config.allowedOrigins.includes(origin)) {
      throw new ApiError(403, 'origin_not_allowed', 'this origin is not in ALLOWED_ORIGINS')
    }
    const key = requestHeader(c, 'idempotency-key')
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(400, 'invalid_request', 'Idempotency-Key must be 1-255 printable ASCII characters', {
        'Idempotency-Key': ['must be 1-255 printable ASCII characters'],
      })
    }
    const request = parseRequest(await readJson(c))
    assertAllowedReturnUrl(request.return_url, config.allowedOrigins)
    const ip = ipOf(c)

    if (request.kind === 'token') {
      const found = await s.store.getOrderByToken(request.order_token)
      const order = await openMerchantOrder(s, found, ip ?? null)
      return created(c, checkoutResponse(config, order, ip ?? order.client_ip))
    }

    const returnUrl =
      request.return_url ?? fallbackReturnUrl(requestHeader(c, 'referer'), origin, config.allowedOrigins)
    const locale = request.locale ?? localeFromHeader(requestHeader(c, 'accept-language')) ?? null
    const requestHash = key
      ? createHash('sha256')
          // The client IP is part of what a key names, so a leaked or guessed key never hands
          // one buyer's signed order to another client.
          .update(
            JSON.stringify([
              request.item,
              request.return_url ?? null,
              request.locale ?? null,
              ip ?? null,
              request.quantity ?? 1,
            ]),
          )
          .digest('hex')
      : null
    const order = await createCatalogOrder(s, {
      item: request.item,
      quantity: request.quantity ?? 1,
      returnUrl,
      locale,
      clientIp: ip ?? null,
      ...(key && requestHash ? { idempotency: { key, requestHash } } : {}),
    })
    return created(c, checkoutResponse(config, order))
  })

  return app
}

/** Without an explicit return URL the buyer goes back to the page they came from, if allowed. */
function fallbackReturnUrl(
  referer: string | undefined,
  origin: string | undefined,
  allowed: readonly string[],
): string | null {
  if (referer && referer.length <= 2048 && isAllowedUrl(referer, allowed)) return referer
  if (origin && allowed.includes(origin)) return `${origin}/`
  return null
}

/** The `201` of a checkout (the hot path: see response-headers.ts). */
const created = (c: Context, body: CheckoutResponse) =>
  respond(c, JSON.stringify(body), 201, { 'content-type': 'application/json' })

/** What hono-rate-limiter leaves on the context (`requestPropertyName`, `rateLimit` by default). */
interface RateLimitInfo {
  limit: number
  remaining: number
  resetTime?: Date
}

declare module 'hono' {
  interface ContextVariableMap {
    rateLimit?: RateLimitInfo
  }
}

/** `Retry-After` and the draft-6 `RateLimit-*` headers of a refusal. */
function rateLimitHeaders(info: RateLimitInfo | undefined, windowMs: number): Record<string, string> {
  if (!info) return {}
  const reset = info.resetTime
    ? Math.max(0, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000))
    : Math.ceil(windowMs / 1000)
  return {
    'Retry-After': String(reset),
    'RateLimit-Policy': `${info.limit};w=${Math.ceil(windowMs / 1000)}`,
    'RateLimit-Limit': String(info.limit),
    'RateLimit-Remaining': String(info.remaining),
    'RateLimit-Reset': String(reset),
  }
}
