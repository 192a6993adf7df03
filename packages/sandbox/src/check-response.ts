/**
 * The JSON of `POST /check`, exactly in the documented shapes, with the variants seen in the
 * wild (`created_at` for `date`, numeric or string codes, an extra `body.service`).
 */
import { CHECK_BAD } from '@portmanat-checkout/shared'
import * as v from 'valibot'
import { bakuWallClock } from './baku-time.ts'
import type { CheckVariant, SandboxPayment, SandboxService } from './types.ts'

/** Schema of a variant, from code, the control endpoint or the state file. */
export const VariantSchema = v.strictObject(
  {
    dateField: v.optional(v.picklist(['date', 'created_at'], 'dateField must be "date" or "created_at"')),
    code: v.optional(v.picklist(['string', 'number'], 'code must be "string" or "number"')),
    service: v.optional(v.boolean('service must be true or false')),
  },
  (issue) =>
    issue.expected === 'never'
      ? `unknown variant field ${issue.received}: use dateField, code or service`
      : 'the variant must be a JSON object',
)

/** Validates a variant; the error lists every problem. */
export function parseVariant(
  input: unknown,
): { ok: true; variant: CheckVariant } | { ok: false; message: string } {
  if (Array.isArray(input)) return { ok: false, message: 'the variant must be a JSON object' }
  const parsed = v.safeParse(VariantSchema, input)
  return parsed.success
    ? { ok: true, variant: parsed.output }
    : { ok: false, message: parsed.issues.map((issue) => issue.message).join('; ') }
}

const DESCRIPTIONS = { '-1': 'Request failed', '0': 'OK', '1': 'Pending' } as const

const CODES = { created: 1, pending: 1, paid: 0, failed: -1 } as const

/** `2016-08-22 11:37:23.000000` in Asia/Baku, the PHP DateTime shape. */
export function bakuTimestamp(iso: string) {
  const shifted = bakuWallClock(new Date(iso)).toISOString()
  return {
    date: `${shifted.slice(0, 10)} ${shifted.slice(11, 23)}000`,
    timezone_type: 3,
    timezone: 'Asia/Baku',
  }
}

function code(value: number, variant: CheckVariant, documented: 'string' | 'number') {
  return (variant.code ?? documented) === 'string' ? String(value) : value
}

/** The `OK` answer about one payment (code 0, 1 or -1 by its status). */
export function okAnswer(
  payment: SandboxPayment,
  service: SandboxService | undefined,
  variant: CheckVariant,
) {
  const value = CODES[payment.status]
  const numericId = /^\d{1,15}$/.test(payment.service_id)
  return {
    status: 'OK',
    code: code(value, variant, 'string'),
    description: DESCRIPTIONS[value],
    body: {
      amount: payment.amount,
      client_rrn: payment.client_rrn,
      psp_rrn: payment.psp_rrn,
      // The bank's reference exists once the bank answered (a card was tried, or the payment was
      // settled paid); a buyer who cancelled on the check or bank page never got that far.
      ...(payment.card_last4 || payment.status === 'paid' ? { bank_rrn: payment.bank_rrn } : {}),
      [variant.dateField ?? 'date']: bakuTimestamp(payment.created_at),
      ...(variant.service
        ? {
            service: {
              id: numericId ? Number(payment.service_id) : payment.service_id,
              title: service?.title ?? '',
              test: service?.test === false ? 0 : 1,
              status: 1,
            },
          }
        : {}),
    },
  }
}

/** `BAD 10`: the request is not valid, with Laravel-style messages per field. */
export function validationAnswer(errors: Record<string, string[]>, variant: CheckVariant) {
  return {
    status: 'BAD',
    code: code(CHECK_BAD.validation, variant, 'number'),
    description: 'Validation error',
    errors,
  }
}

/** `BAD 20`: no payment has this `psp_rrn`. */
export function wrongRrnAnswer(variant: CheckVariant) {
  return { status: 'BAD', code: code(CHECK_BAD.wrongRrn, variant, 'number'), description: 'RRN is wrong' }
}
