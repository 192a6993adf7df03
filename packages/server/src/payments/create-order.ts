/**
 * How orders are made, in one place for every way in: an order for a catalog item at the
 * catalog's price (`POST /api/checkout`, the hosted payment page's Pay), a merchant order with its
 * own amount (`POST /api/orders`, the dashboard's payment links, the CLI), and the checkout of a
 * merchant order. The routes only read their requests; the rules are here.
 */
import { clientRrnFrom, type Locale } from '@portmanat-checkout/shared'
import * as v from 'valibot'
import { AmountSchema, displayText, textIn } from '../catalog.ts'
import type { Config } from '../config.ts'
import type { Services } from '../deps.ts'
import { ApiError } from '../http/errors.ts'
import { isAllowedUrl, originOf } from '../http/origins.ts'
import type { Order } from '../store/types.ts'
import { moveOrder } from './ledger.ts'

/** Where a buyer returns: an absolute http(s) URL (its origin is checked by {@link assertAllowedReturnUrl}). */
export const ReturnUrl = v.pipe(
  v.string('return_url must be a string'),
  v.maxLength(2048, 'return_url is longer than 2048 characters'),
  v.check((s) => originOf(s) !== undefined, 'return_url must be an absolute http(s) URL'),
)

/**
 * A return URL must be on one of the allowed origins: the buyer is sent there with the result.
 * @throws {ApiError} `400 return_url_not_allowed`
 */
export function assertAllowedReturnUrl(url: string | undefined, allowedOrigins: readonly string[]): void {
  if (url !== undefined && !isAllowedUrl(url, allowedOrigins)) {
    throw new ApiError(400, 'return_url_not_allowed', 'return_url must be on an origin in ALLOWED_ORIGINS', {
      return_url: ['not on an allowed origin'],
    })
  }
}

/** What a merchant order is made of; `amount` is read into integer qəpik. */
export const MerchantOrderInput = v.strictObject({
  amount: AmountSchema,
  title: displayText('title', 200, 1),
  description: v.optional(displayText('description', 1000)),
  reference: v.optional(
    v.pipe(
      v.string('reference must be a string'),
      v.regex(/^[\x20-\x7e]{1,200}$/, 'reference must be 1-200 printable ASCII characters'),
    ),
  ),
  return_url: v.optional(ReturnUrl),
})

export type MerchantOrderInput = v.InferOutput<typeof MerchantOrderInput>

/** The hosted payment page of a merchant order: a link to share. */
export const payUrl = (config: Pick<Config, 'publicUrl'>, orderToken: string) =>
  `${config.publicUrl}/pay/o/${orderToken}`

/** Our own page where a buyer of the hosted payment page returns: paid, pending (refreshing) or not. */
export const payResultUrl = (config: Pick<Config, 'publicUrl'>, clientRrn: string) =>
  `${config.publicUrl}/pay/r/${clientRrn}`

export interface MerchantOrder {
  order: Order
  /** 192 random bits, URL-safe; whoever holds it can pay the order (and nothing else). */
  order_token: string
  pay_url: string
}

/**
 * Stores a `created` order with the merchant's own amount and a fresh `order_token`.
 * @throws {ApiError} `400 return_url_not_allowed` when the return URL is not on an allowed origin
 */
export async function createMerchantOrder(
  s: Pick<Services, 'config' | 'store' | 'clock' | 'logger' | 'random'>,
  input: MerchantOrderInput,
  {
    via = 'api',
    resultPage = false,
  }: {
    via?: 'api' | 'dashboard' | 'cli'
    /** Without a `return_url`, send the buyer to our own result page (links made for chats). */
    resultPage?: boolean
  } = {},
): Promise<MerchantOrder> {
  const { config } = s
  assertAllowedReturnUrl(input.return_url, config.allowedOrigins)
  const token = Buffer.from(s.random(24)).toString('base64url')
  const client_rrn = clientRrnFrom(s.random, s.clock())
  const result = await s.store.insertOrder(
    {
      client_rrn,
      qepik: input.amount,
      item_id: null,
      title: input.title,
      description: input.description || null,
      reference: input.reference ?? null,
      return_url: input.return_url ?? (resultPage ? payResultUrl(config, client_rrn) : null),
      locale: null,
      client_ip: null,
      idempotency_key: null,
      request_hash: null,
      order_token: token,
      livemode: config.mode === 'live',
    },
    s.clock(),
  )
  const order = result.inserted ? result.order : result.existing
  s.logger.info(
    { event: 'order.created_by_merchant', client_rrn: order.client_rrn, qepik: order.qepik, via },
    'merchant order created',
  )
  return { order, order_token: token, pay_url: payUrl(config, token) }
}

export interface CatalogOrderRequest {
  /** A catalog item's id; the price is the catalog's, never the request's. */
  item: string
  /** How many of it (at most its `max_quantity`); the server multiplies. @default 1 */
  quantity?: number
  /**
   * Where the buyer returns (already checked against `ALLOWED_ORIGINS`), or null for the callback's
   * own page; a function of the new order's `client_rrn` for a page of ours about that order.
   */
  returnUrl: string | null | ((clientRrn: string) => string)
  locale: Locale | null
  /** The buyer's address, sent to the PSP as `client_ip`. */
  clientIp: string | null
  /**
   * Makes the request idempotent: a second request with the same key and the same
   * `requestHash` gets the same order back (also when they race) instead of a new one.
   */
  idempotency?: { key: string; requestHash: string }
}

/**
 * A `created` order for one catalog item at the catalog's price, or the order an earlier request
 * with the same idempotency key made.
 * @throws {ApiError} `404 unknown_item`; `409 idempotency_conflict` (the key named another
 *   request); `409 order_closed` (a replay of an order that already went its way at the PSP)
 */
export async function createCatalogOrder(
  s: Pick<Services, 'config' | 'store' | 'clock' | 'logger' | 'random'>,
  request: CatalogOrderRequest,
): Promise<Order> {
  const item = s.config.catalog.get(request.item)
  if (!item) throw new ApiError(404, 'unknown_item', `no item "${request.item}" in the catalog`)
  const quantity = request.quantity ?? 1
  if (quantity > item.maxQuantity) throw tooMany(item.maxQuantity)
  const client_rrn = clientRrnFrom(s.random, s.clock())
  const result = await s.store.insertOrder(
    {
      client_rrn,
      // The server multiplies, never the browser; the texts in the buyer's language.
      qepik: item.qepik * quantity,
      quantity,
      item_id: item.id,
      title: textIn(item.title, request.locale),
      description: item.description ? textIn(item.description, request.locale) : null,
      reference: null,
      return_url: typeof request.returnUrl === 'function' ? request.returnUrl(client_rrn) : request.returnUrl,
      locale: request.locale,
      client_ip: request.clientIp,
      idempotency_key: request.idempotency?.key ?? null,
      request_hash: request.idempotency?.requestHash ?? null,
      order_token: null,
      livemode: s.config.mode === 'live',
    },
    s.clock(),
  )
  if (!result.inserted) {
    if (result.existing.request_hash !== (request.idempotency?.requestHash ?? null)) {
      throw new ApiError(
        409,
        'idempotency_conflict',
        'this Idempotency-Key was used with another request body',
      )
    }
    // A replay may not sign again an order that already went its way at the PSP.
    if (result.existing.status !== 'created') {
      throw new ApiError(
        409,
        'order_closed',
        `this order is ${result.existing.status} and cannot be paid again`,
      )
    }
    return result.existing
  }
  s.logger.info(
    {
      event: 'checkout.created',
      client_rrn: result.order.client_rrn,
      item: item.id,
      quantity,
      qepik: result.order.qepik,
    },
    'order created',
  )
  return result.order
}

/** A quantity above the item's `max_quantity`: a field error the embed's author has to fix. */
export const tooMany = (max: number) =>
  new ApiError(
    400,
    'invalid_request',
    max === 1 ? 'this item is sold one at a time' : `at most ${max} of this item`,
    { quantity: [max === 1 ? 'this item has no max_quantity in the catalog' : `must be at most ${max}`] },
  )

/**
 * A merchant order, found by its token (`order`, as the caller read it: undefined when none has
 * it), about to be paid: still `created`, with the buyer's address recorded the first time one is
 * known.
 * @throws {ApiError} `404 unknown_order_token`; `409 order_closed`
 */
export async function openMerchantOrder(
  s: Pick<Services, 'config' | 'store' | 'clock' | 'logger' | 'messages' | 'wakeOutbox'>,
  order: Order | undefined,
  clientIp: string | null,
): Promise<Order> {
  if (!order) throw new ApiError(404, 'unknown_order_token', 'no order has this order_token')
  if (order.status !== 'created') {
    throw new ApiError(409, 'order_closed', `this order is ${order.status} and cannot be paid again`)
  }
  s.logger.info({ event: 'checkout.token', client_rrn: order.client_rrn }, 'checkout of a merchant order')
  if (!clientIp || order.client_ip) return order
  const updated = await moveOrder(s, order, {
    from: ['created'],
    to: 'created',
    client_ip: clientIp,
    detail: { action: 'checkout' },
  })
  return updated ?? order
}
