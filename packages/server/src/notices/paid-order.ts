/**
 * What a notice says, read from an outbox message: the paid order's facts, validated. The payload
 * is our own JSON, but it crossed a database and a version boundary, so it is parsed, not trusted;
 * a message no retry can fix becomes a permanent outcome instead of an exception.
 */
import * as v from 'valibot'
import { AmountSchema } from '../catalog.ts'
import type { Channel, DeliveryOutcome, EventType, OutboxMessage } from './types.ts'

/** The channels of this module: the merchant's own Telegram chat and mailbox. */
export type NoticeChannel = Extract<Channel, 'telegram' | 'email'>

/** The event types each notice channel is told of: only paid orders. */
export const NOTICE_EVENT_TYPES: Readonly<Record<NoticeChannel, readonly EventType[]>> = {
  telegram: ['order.paid'],
  email: ['order.paid'],
}

/**
 * Whether the outbox should write a row for `type` on `channel` (false for `webhook`: that
 * channel is told of every event and is not this module's).
 *
 * @example noticeWants('telegram', 'order.paid') // true
 */
export function noticeWants(channel: Channel, type: EventType): boolean {
  return channel !== 'webhook' && NOTICE_EVENT_TYPES[channel].includes(type)
}

/** The facts of a paid order a notice shows; `qepik` is the amount as integer qəpik. */
export interface PaidOrder {
  event_id: string
  livemode: boolean
  client_rrn: string
  qepik: number
  title: string
  description: string | null
  quantity: number
  reference: string | null
  psp_rrn: string | null
  bank_rrn: string | null
  /** When the order became paid (ISO), which may be long before a retried notice arrives. */
  paid_at: string
}

const MAX_FIELD = 300

// One line of text: a title with a line break must not add lines to a message or a header.
const line = v.pipe(
  v.string(),
  v.transform((s) => s.replace(/\p{Cc}+/gu, ' ').trim()),
  v.transform((s) => (s.length > MAX_FIELD ? `${s.slice(0, MAX_FIELD - 1)}…` : s)),
)
const optionalLine = v.pipe(
  v.nullish(line),
  v.transform((s) => (s ? s : null)),
)
const isoTime = v.pipe(
  v.string(),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO time'),
)

const PaidEvent = v.object({
  type: v.literal('order.paid'),
  data: v.object({
    livemode: v.boolean(),
    client_rrn: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)),
    status: v.literal('paid'),
    amount: AmountSchema,
    title: v.pipe(line, v.minLength(1)),
    description: optionalLine,
    quantity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1),
    reference: optionalLine,
    psp_rrn: optionalLine,
    bank_rrn: optionalLine,
    updated_at: isoTime,
  }),
})

export type PaidOrderResult = { ok: true; order: PaidOrder } | { ok: false; outcome: DeliveryOutcome }

const refuse = (error: string): PaidOrderResult => ({
  ok: false,
  outcome: { ok: false, permanent: true, error },
})

/**
 * The paid order an outbox message reports, or a permanent outcome saying why it cannot be told.
 *
 * @example readPaidOrder(message) // { ok: true, order: { client_rrn, qepik: 523, title, … } }
 */
export function readPaidOrder(message: OutboxMessage): PaidOrderResult {
  if (message.type !== 'order.paid') return refuse(`notices are only for order.paid, not ${message.type}`)
  let json: unknown
  try {
    json = JSON.parse(message.payload)
  } catch {
    return refuse('payload is not JSON')
  }
  const parsed = v.safeParse(PaidEvent, json)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const path = issue?.path?.map((item) => String(item.key)).join('.') ?? 'payload'
    return refuse(`payload ${path} is invalid: ${issue?.message ?? 'unexpected value'}`.slice(0, 200))
  }
  const { data } = parsed.output
  if (data.client_rrn !== message.client_rrn) return refuse('payload is about another client_rrn')
  return {
    ok: true,
    order: {
      event_id: message.event_id,
      livemode: data.livemode,
      client_rrn: data.client_rrn,
      qepik: data.amount,
      title: data.title,
      description: data.description ?? null,
      quantity: data.quantity,
      reference: data.reference ?? null,
      psp_rrn: data.psp_rrn ?? null,
      bank_rrn: data.bank_rrn ?? null,
      paid_at: data.updated_at,
    },
  }
}

/**
 * Text fit for the delivery log: one short line with every secret replaced, whatever a server
 * or a library put into it.
 */
export function safeError(text: string, secrets: readonly string[] = []): string {
  let safe = text.replace(/\p{Cc}+/gu, ' ').trim()
  for (const secret of secrets) if (secret) safe = safe.replaceAll(secret, '[redacted]')
  return safe.length > 200 ? `${safe.slice(0, 199)}…` : safe
}
