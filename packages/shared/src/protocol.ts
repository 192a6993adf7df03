/**
 * The PSP protocol: the fields of `/process`, the signing message, the `client_rrn` format.
 * See PROTOCOL.md.
 */

/** The form fields posted to `{PSP}/process`, in the order integrations post them. */
export interface ProcessFields {
  service_id: string
  client_rrn: string
  /** Canonical decimal string, e.g. `5.23`: exactly the string that was signed. */
  amount: string
  client_ip: string
  /** Lowercase hex HMAC-SHA256 of {@link signingMessage}. */
  hash: string
}

export const PROCESS_FIELDS = ['service_id', 'client_rrn', 'amount', 'client_ip', 'hash'] as const

/**
 * The message the PSP signs: a plain concatenation with no separators, which is why
 * `client_rrn` has one fixed length (see {@link CLIENT_RRN_LENGTH}).
 */
export function signingMessage(fields: Pick<ProcessFields, 'service_id' | 'client_rrn' | 'amount'>): string {
  return `${fields.service_id}${fields.client_rrn}${fields.amount}`
}

/** Alphabet of generated `client_rrn`s: URL-safe and unambiguous in any PSP form or log. */
export const CLIENT_RRN_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/** 24 characters of 36 symbols ≈ 124 random bits. */
export const CLIENT_RRN_LENGTH = 24

export const CLIENT_RRN_PATTERN = /^[0-9a-z]{24}$/

export function isClientRrn(value: unknown): value is string {
  return typeof value === 'string' && CLIENT_RRN_PATTERN.test(value)
}

/**
 * Builds a `client_rrn` from random bytes, taking a byte only when it maps to the alphabet
 * without bias (rejection sampling). The caller brings the randomness, so this stays pure.
 *
 * @param randomBytes returns `n` cryptographically random bytes
 */
export function clientRrnFrom(randomBytes: (n: number) => Uint8Array): string {
  const size = CLIENT_RRN_ALPHABET.length
  const limit = 256 - (256 % size)
  let out = ''
  while (out.length < CLIENT_RRN_LENGTH) {
    for (const byte of randomBytes(CLIENT_RRN_LENGTH * 2)) {
      if (byte < limit) out += CLIENT_RRN_ALPHABET[byte % size]
      if (out.length === CLIENT_RRN_LENGTH) break
    }
  }
  return out
}
