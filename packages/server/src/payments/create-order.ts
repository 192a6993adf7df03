/**
 * How orders are made, in one place for every way in: a merchant order with its own amount
 * (`POST /api/orders`, the dashboard's payment links, the CLI) and its hosted payment page.
 */
import { clientRrnFrom } from '@portmanat-checkout/shared'
import * as v from 'valibot'
import { AmountSchema, displayText } from '../catalog.ts'
import type { Config } from '../config.ts'
import type { Services } from '../deps.ts'
import { ApiError } from '../http/errors.ts'
import { isAllowedUrl, originOf } from '../http/origins.ts'
import type { Order } from '../store/types.ts'

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
  return_url: v.optional(
    v.pipe(
      v.string('return_url must be a string'),
      v.maxLength(2048),
      v.check((s) => originOf(s) !== undefined, 'return_url must be an absolute http(s) URL'),
    ),
  ),
})

export type MerchantOrderInput = v.InferOutput<typeof MerchantOrderInput>

/** The hosted payment page of a merchant order: a link to share. */
export const payUrl = (config: Pick<Config, 'publicUrl'>, orderToken: string) =>
  `${config.publicUrl}/pay/o/${orderToken}`

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
  { via }: { via: 'api' | 'dashboard' | 'cli' } = { via: 'api' },
): Promise<MerchantOrder> {
  const { config } = s
  if (input.return_url !== undefined && !isAllowedUrl(input.return_url, config.allowedOrigins)) {
    throw new ApiError(400, 'return_url_not_allowed', 'return_url must be on an origin in ALLOWED_ORIGINS', {
      return_url: ['not on an allowed origin'],
    })
  }
  const token = Buffer.from(s.random(24)).toString('base64url')
  const result = await s.store.insertOrder(
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
    s.clock(),
  )
  const order = result.inserted ? result.order : result.existing
  s.logger.info(
    { event: 'order.created_by_merchant', client_rrn: order.client_rrn, qepik: order.qepik, via },
    'merchant order created',
  )
  return { order, order_token: token, pay_url: payUrl(config, token) }
}
