/**
 * The checks of the signing server's answers the modal acts on: text is text, amounts are
 * canonical, the redirect is an http(s) URL with string fields for exactly the amount shown.
 * Text fields are only ever rendered as text.
 */
import type { OrderStatus } from '@portmanat-checkout/shared'
import type { FailureReason } from '../events.ts'
import { httpUrl, isAmount, isText } from '../kit.ts'

/** What the modal shows of an order. */
export interface Order {
  client_rrn: string
  /** Canonical: `5.23`; the total when the buyer takes several. */
  amount: string
  title: string
  description?: string
  /** How many of the item, when more than one. */
  quantity?: number
}

/** `201` of `POST /api/checkout`: the order and the form that pays it. */
export interface Summary extends Order {
  redirect: { url: string; fields: Record<string, string> }
}

/** `GET /api/payments/:client_rrn`. */
export interface Payment extends Order {
  status: OrderStatus
  reason?: FailureReason | null
}

// `Object(x)` reads properties of anything without throwing; each value is checked after.

function isOrder(body: unknown): body is Order {
  const { client_rrn, amount, title, description, quantity } = Object(body)
  return (
    isText(client_rrn) &&
    isAmount(amount) &&
    isText(title) &&
    isText(description ?? '') &&
    Number.isInteger(quantity ?? 1)
  )
}

/** `201` of `POST /api/checkout`. */
export function isSummary(body: unknown): body is Summary {
  const { url, fields } = Object(Object(body).redirect)
  return (
    isOrder(body) &&
    !!httpUrl(url) &&
    Object.values(Object(fields)).every(isText) &&
    Object(fields).amount === body.amount
  )
}

/**
 * `GET /api/payments/:client_rrn`. `reason` is not checked here: the modal shows only the two it
 * knows (others read as "failed") and hands on only text (`checkout.tsx`).
 */
export function isPayment(body: unknown): body is Payment {
  const { status } = Object(body)
  return isOrder(body) && /^(created|pending|paid|failed|expired)$/.test(status)
}
