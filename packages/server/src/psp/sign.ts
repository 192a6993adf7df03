import { createHmac } from 'node:crypto'
import { type ProcessFields, signingMessage } from '@portmanat-checkout/shared'
import type { Secret } from '../secret.ts'

/**
 * The PSP's signature of a `/process` request:
 * `hex(HMAC-SHA256(secret, service_id + client_rrn + amount))` over exactly the strings posted.
 */
export function signProcess(
  secret: Secret,
  fields: Pick<ProcessFields, 'service_id' | 'client_rrn' | 'amount'>,
): string {
  return createHmac('sha256', secret.reveal()).update(signingMessage(fields), 'utf8').digest('hex')
}

/** The first characters of a hash, the most a log line may show. */
export const hashPrefix = (hash: string): string => hash.slice(0, 8)
