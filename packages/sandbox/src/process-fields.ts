/**
 * The checks of `POST /process`: every field, the service, the signature (in constant time),
 * the amount (strictly, exactly as posted) and the uniqueness of `client_rrn`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import {
  type AmountError,
  PROCESS_FIELDS,
  type ProcessFields,
  parseAmount,
  signingMessage,
} from '@portmanat-checkout/shared'
import type { FieldError, Strings } from './i18n/index.ts'
import { type Fields, single } from './request-fields.ts'
import type { SandboxService } from './types.ts'

export type ProcessField = (typeof PROCESS_FIELDS)[number]

export type ProcessIssue = { kind: FieldError } | { kind: 'amount'; error: AmountError }

export type ProcessErrors = Partial<Record<ProcessField, ProcessIssue>>

/** The message of one problem, in the page's language. */
export const issueMessage = (t: Strings, issue: ProcessIssue) =>
  issue.kind === 'amount' ? t.amountErrors[issue.error] : t.fieldErrors[issue.kind]

export type ProcessCheck =
  | { ok: true; fields: ProcessFields; qepik: number; service: Required<SandboxService> }
  | { ok: false; errors: ProcessErrors }

/** What `client_rrn` may be: the PSP takes any partner's numbering, within reason. */
const CLIENT_RRN = /^[\x21-\x7e]{1,64}$/
const HEX_HASH = /^[0-9a-fA-F]{64}$/

/** Constant-time comparison of the posted hash with the expected HMAC-SHA256. */
export function hashMatches(
  fields: Pick<ProcessFields, 'service_id' | 'client_rrn' | 'amount' | 'hash'>,
  secret: string,
) {
  if (!HEX_HASH.test(fields.hash)) return false
  const expected = createHmac('sha256', secret).update(signingMessage(fields)).digest()
  return timingSafeEqual(expected, Buffer.from(fields.hash, 'hex'))
}

export interface ProcessDeps {
  service(serviceId: string): Required<SandboxService> | undefined
  clientRrnUsed(serviceId: string, clientRrn: string): boolean
}

/** Checks the posted fields; on failure lists every problem, field by field. */
export function checkProcessFields(fields: Fields, deps: ProcessDeps): ProcessCheck {
  const errors: ProcessErrors = {}
  const values: Partial<ProcessFields> = {}
  for (const name of PROCESS_FIELDS) {
    const field = single(fields, name)
    if (field.ok) values[name] = field.value
    else errors[name] = { kind: field.error === 'repeated' ? 'repeated' : 'required' }
  }
  const { service_id, client_rrn, amount, client_ip, hash } = values

  const service = service_id === undefined ? undefined : deps.service(service_id)
  if (service_id !== undefined && !service) errors.service_id = { kind: 'unknownService' }

  let qepik = 0
  if (amount !== undefined) {
    const parsed = parseAmount(amount)
    if (parsed.ok) qepik = parsed.qepik
    else errors.amount = { kind: 'amount', error: parsed.error }
  }

  if (client_rrn !== undefined && !CLIENT_RRN.test(client_rrn))
    errors.client_rrn = { kind: 'clientRrnFormat' }
  else if (service && client_rrn !== undefined && deps.clientRrnUsed(service.service_id, client_rrn)) {
    errors.client_rrn = { kind: 'clientRrnTaken' }
  }

  if (client_ip !== undefined && isIP(client_ip) === 0) errors.client_ip = { kind: 'clientIp' }

  if (hash !== undefined) {
    if (!HEX_HASH.test(hash)) errors.hash = { kind: 'hashFormat' }
    else if (service && service_id !== undefined && client_rrn !== undefined && amount !== undefined) {
      if (!hashMatches({ service_id, client_rrn, amount, hash }, service.secret))
        errors.hash = { kind: 'hashWrong' }
    }
  }

  if (
    service &&
    service_id !== undefined &&
    client_rrn !== undefined &&
    amount !== undefined &&
    client_ip !== undefined &&
    hash !== undefined &&
    Object.keys(errors).length === 0
  ) {
    return { ok: true, fields: { service_id, client_rrn, amount, client_ip, hash }, qepik, service }
  }
  return { ok: false, errors }
}
