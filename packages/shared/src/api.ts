/**
 * Our HTTP API as the widget and merchants see it (DESIGN.md, "Public contract").
 */
import type { Locale } from './amount.ts'
import type { ProcessFields } from './protocol.ts'

/** Order states. A state only moves forward; `paid` is final. */
export type OrderStatus = 'created' | 'pending' | 'paid' | 'failed' | 'expired'

export const ORDER_STATUSES: readonly OrderStatus[] = ['created', 'pending', 'paid', 'failed', 'expired']

/** What the callback tells the return URL in `portmanat_status`. */
export type ReturnStatus = 'paid' | 'pending' | 'failed'

/**
 * Why an order failed: `declined` (the bank said no: `/check` code -1 with a `bank_rrn`),
 * `cancelled` (code -1 without a `bank_rrn`: the buyer left the PSP's pages before the bank
 * answered), `mismatch` (a payment for this client_rrn with another amount: held for the
 * operator), `test_mode` (a test-mode payment in live mode), `unknown_rrn` (the PSP no longer
 * knows a payment it once called pending), `expired` (never returned from the PSP).
 */
export type FailureReason = 'declined' | 'cancelled' | 'mismatch' | 'test_mode' | 'unknown_rrn' | 'expired'

export const FAILURE_REASONS: readonly FailureReason[] = [
  'declined',
  'cancelled',
  'mismatch',
  'test_mode',
  'unknown_rrn',
  'expired',
]

/** `POST /api/checkout` body: an item of the catalog, or a token from `POST /api/orders`. */
export type CheckoutRequest =
  | { item: string; quantity?: number; return_url?: string; locale?: Locale }
  | { order_token: string; return_url?: string; locale?: Locale }

/** `201` answer of `POST /api/checkout`. */
export interface CheckoutResponse {
  client_rrn: string
  /** Canonical decimal string. */
  amount: string
  title: string
  description?: string
  /** How many of the item, when more than one (`amount` is the total). */
  quantity?: number
  redirect: {
    url: string
    method: 'POST'
    fields: ProcessFields
  }
}

/** `GET /api/items/:id`. */
export interface ItemResponse {
  id: string
  title: string
  /** For `quantity` of the item (1 unless `?quantity=` asked for more). */
  amount: string
  description?: string
  /** The `?quantity=` asked for, when more than one. */
  quantity?: number
  /** How many one order may take, when more than one. */
  max_quantity?: number
}

/** `GET /api/payments/:client_rrn`: nothing secret. */
export interface PaymentResponse {
  client_rrn: string
  status: OrderStatus
  /** Why a `failed` or `expired` order is so; null otherwise. */
  reason: FailureReason | null
  amount: string
  title: string
  updated_at: string
}

/** `POST /api/orders` body (merchant backend, bearer key). */
export interface CreateOrderRequest {
  amount: string
  title: string
  description?: string
  reference?: string
  return_url?: string
}

export interface CreateOrderResponse {
  order_token: string
  client_rrn: string
  amount: string
  title: string
  status: OrderStatus
  /** The order's hosted payment page (`{PUBLIC_URL}/pay/o/{order_token}`): a link to share. */
  pay_url: string
}

/** Machine-readable error codes of our API. */
export type ErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'price_in_body'
  | 'unknown_item'
  | 'unknown_order_token'
  | 'return_url_not_allowed'
  | 'origin_not_allowed'
  | 'idempotency_conflict'
  | 'rate_limited'
  | 'unauthorized'
  | 'not_found'
  | 'method_not_allowed'
  | 'unavailable'
  | 'internal_error'

/** Every API error: `{"error": {"code", "message", "fields"?}}` with a 4xx/5xx status. */
export interface ApiError {
  error: {
    code: ErrorCode
    message: string
    /** Field → messages, for validation errors. */
    fields?: Record<string, string[]>
  }
}

/** Query parameters the callback adds to the order's return URL. */
export const RETURN_PARAMS = { status: 'portmanat_status', clientRrn: 'client_rrn' } as const
