/**
 * Parsing of `POST {PSP}/check` answers into one typed result. It accepts every variation
 * PROTOCOL.md lists and never throws: anything it cannot read is `unreadable`.
 */
import * as v from 'valibot'
import { parseAmount } from './amount.ts'

/** A `/check` body after validation. */
export interface CheckBody {
  /** The decimal string as the PSP sent it. */
  amount: string
  /** The same amount in qəpik. */
  qepik: number
  client_rrn: string
  psp_rrn: string
  bank_rrn?: string
  /** `YYYY-MM-DD HH:MM:SS` in the PSP's time zone, when given (as `date` or `created_at`). */
  date?: string
  timezone?: string
  /** True when the body says the service is in test mode (`service.test` = 1). */
  test: boolean
  /** `service.id` as a string, when the body names its service. */
  service_id?: string
}

export type CheckResult =
  | { kind: 'paid'; code: 0; description: string; body: CheckBody }
  | { kind: 'pending'; code: 1; description: string; body?: CheckBody }
  | { kind: 'failed'; code: -1; description: string; body?: CheckBody }
  | { kind: 'rejected'; code: number; description: string; errors: Record<string, string[]> }
  | { kind: 'unreadable'; reason: string }

/** Codes of `status: BAD` answers. */
export const CHECK_BAD = { validation: 10, wrongRrn: 20 } as const

const Code = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.trim(), v.regex(/^-?\d+$/), v.transform(Number))]),
  v.integer(),
)

const Timestamp = v.object({
  date: v.string(),
  timezone: v.optional(v.string()),
})

const Body = v.object({
  // A string only: a JSON number would pass through a binary float (5.2300000000000004 → "5.23").
  amount: v.string(),
  client_rrn: v.union([v.string(), v.number()]),
  psp_rrn: v.string(),
  bank_rrn: v.optional(v.nullable(v.string())),
  date: v.optional(v.unknown()),
  created_at: v.optional(v.unknown()),
  service: v.optional(v.unknown()),
})

const Envelope = v.object({
  status: v.picklist(['OK', 'BAD']),
  code: Code,
  description: v.optional(v.string(), ''),
  body: v.optional(v.unknown()),
  errors: v.optional(v.unknown()),
})

const Errors = v.record(v.string(), v.array(v.string()))

const ServiceFlags = v.object({ test: v.optional(v.union([v.number(), v.string(), v.boolean()])) })

/**
 * `service.id` as a string; an id that is there but not a string or an integer reads as `'?'`,
 * which matches no service, so an odd answer is never taken for ours.
 */
function serviceIdOf(service: unknown): string | undefined {
  if (typeof service !== 'object' || service === null || !('id' in service)) return undefined
  const { id } = service
  if (typeof id === 'string') return id
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id)
  return '?'
}

function readBody(raw: unknown): CheckBody | string {
  const parsed = v.safeParse(Body, raw)
  if (!parsed.success) return `body: ${parsed.issues[0]?.message ?? 'invalid'}`
  const body = parsed.output
  const amount = body.amount
  const qepik = parseAmount(amount)
  if (!qepik.ok) return `body.amount: ${qepik.message}`
  const stamp = v.safeParse(Timestamp, body.created_at ?? body.date)
  const service = v.safeParse(ServiceFlags, body.service)
  const test = service.success && [1, '1', true].includes(service.output.test ?? 0)
  const serviceId = serviceIdOf(body.service)
  return {
    amount,
    qepik: qepik.qepik,
    client_rrn: String(body.client_rrn),
    psp_rrn: body.psp_rrn,
    ...(body.bank_rrn ? { bank_rrn: body.bank_rrn } : {}),
    ...(stamp.success ? { date: stamp.output.date.replace(/\.\d+$/, '') } : {}),
    ...(stamp.success && stamp.output.timezone ? { timezone: stamp.output.timezone } : {}),
    test,
    ...(serviceId !== undefined ? { service_id: serviceId } : {}),
  }
}

/**
 * Reads a `/check` answer, given as the response text or as parsed JSON.
 *
 * @example parseCheckResponse('{"status":"OK","code":"0","body":{…}}') // { kind: 'paid', … }
 */
export function parseCheckResponse(input: unknown): CheckResult {
  try {
    return parse(input)
  } catch (error) {
    // Unreachable by design; kept so that no input can ever throw out of the parser.
    return { kind: 'unreadable', reason: error instanceof Error ? error.message : 'unknown error' }
  }
}

function parse(input: unknown): CheckResult {
  let json = input
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input)
    } catch {
      return { kind: 'unreadable', reason: 'not JSON' }
    }
  }
  const envelope = v.safeParse(Envelope, json)
  if (!envelope.success) return { kind: 'unreadable', reason: `envelope: ${envelope.issues[0]?.message}` }
  const { status, code, description } = envelope.output

  if (status === 'BAD') {
    const errors = v.safeParse(Errors, envelope.output.errors)
    return { kind: 'rejected', code, description, errors: errors.success ? errors.output : {} }
  }

  const raw = envelope.output.body
  const body = raw === undefined || raw === null ? undefined : readBody(raw)
  if (code === 0) {
    if (body === undefined) return { kind: 'unreadable', reason: 'code 0 without a body' }
    if (typeof body === 'string') return { kind: 'unreadable', reason: body }
    return { kind: 'paid', code, description, body }
  }
  if (code === 1 || code === -1) {
    // A pending or failed answer decides nothing about money, so a body we cannot read is
    // dropped rather than turning the whole answer unreadable.
    const kept = typeof body === 'object' ? { body } : {}
    return code === 1
      ? { kind: 'pending', code, description, ...kept }
      : { kind: 'failed', code, description, ...kept }
  }
  return { kind: 'unreadable', reason: `unknown code ${code} with status OK` }
}
