/**
 * Checks of the server's answers. The widget cannot afford valibot (8 KB budget, Preact
 * included), so these are small hand-written guards over `unknown`: nothing from the network is
 * cast, and an answer that does not match is `undefined`, which the client reports as
 * `malformed`.
 */
import {
  type ApiError,
  type CheckoutResponse,
  type ItemResponse,
  isClientRrn,
  ORDER_STATUSES,
  type PaymentResponse,
} from '@portmanat-checkout/shared'
import { qepikOf } from '../ui/money.ts'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isText = (value: unknown): value is string => typeof value === 'string' && value !== ''

const isOptionalText = (value: unknown): value is string | undefined =>
  value === undefined || typeof value === 'string'

const isAmount = (value: unknown): value is string => qepikOf(value) !== undefined

/** An absolute http(s) URL. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false
  try {
    return /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}

/** `201` of `POST /api/checkout`, including the redirect the form will post. */
export function checkoutResponse(body: unknown): CheckoutResponse | undefined {
  if (!isObject(body) || !isClientRrn(body.client_rrn) || !isAmount(body.amount) || !isText(body.title))
    return
  if (!isOptionalText(body.description)) return
  const redirect = body.redirect
  if (!isObject(redirect) || !isHttpUrl(redirect.url) || redirect.method !== 'POST') return
  const fields = redirect.fields
  if (!isObject(fields)) return
  const posted: Record<string, string> = {}
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string') return
    posted[name] = value
  }
  const { service_id, client_ip, hash } = posted
  if (!service_id || !client_ip || !hash) return
  // The form must post exactly the order the buyer confirmed.
  if (posted.client_rrn !== body.client_rrn || posted.amount !== body.amount) return
  return {
    client_rrn: body.client_rrn,
    amount: body.amount,
    title: body.title,
    ...(body.description ? { description: body.description } : {}),
    redirect: {
      url: redirect.url,
      method: 'POST',
      // Every field the server sent, in its order: the form posts them byte for byte.
      fields: { ...posted, service_id, client_rrn: body.client_rrn, amount: body.amount, client_ip, hash },
    },
  }
}

/** `GET /api/items/:id`. */
export function itemResponse(body: unknown): ItemResponse | undefined {
  if (!isObject(body) || !isText(body.id) || !isText(body.title) || !isAmount(body.amount)) return
  if (!isOptionalText(body.description)) return
  return {
    id: body.id,
    title: body.title,
    amount: body.amount,
    ...(body.description ? { description: body.description } : {}),
  }
}

/** `GET /api/payments/:client_rrn`. */
export function paymentResponse(body: unknown): PaymentResponse | undefined {
  if (!isObject(body) || !isClientRrn(body.client_rrn) || !isAmount(body.amount) || !isText(body.title))
    return
  const status = ORDER_STATUSES.find((known) => known === body.status)
  if (!status) return
  return {
    client_rrn: body.client_rrn,
    status,
    amount: body.amount,
    title: body.title,
    updated_at: typeof body.updated_at === 'string' ? body.updated_at : '',
  }
}

/** The `{"error": {code, message}}` body of a 4xx/5xx, when it has that shape. */
export function apiError(body: unknown): (Pick<ApiError['error'], 'message'> & { code: string }) | undefined {
  const error = isObject(body) ? body.error : undefined
  if (!isObject(error) || typeof error.code !== 'string' || typeof error.message !== 'string') return
  return { code: error.code, message: error.message }
}
