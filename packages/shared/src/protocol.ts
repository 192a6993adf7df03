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

/** Leading characters of a generated `client_rrn` that tell its minute (base 36, wrapping after ~114 years). */
export const CLIENT_RRN_TIME_CHARS = 5

/** `count` characters of the alphabet from random bytes, each byte taken only when it maps without bias. */
function randomChars(randomBytes: (n: number) => Uint8Array, count: number): string {
  const size = CLIENT_RRN_ALPHABET.length
  const limit = 256 - (256 % size)
  let out = ''
  while (out.length < count) {
    for (const byte of randomBytes(count * 2)) {
      if (byte < limit) out += CLIENT_RRN_ALPHABET[byte % size]
      if (out.length === count) break
    }
  }
  return out
}

/**
 * Builds a `client_rrn`. With `now`, it starts with the minute it was made ({@link
 * CLIENT_RRN_TIME_CHARS} characters) and goes on with 19 random ones (≈ 98 random bits): orders
 * made together sit together in every index keyed by it, so a large ledger's recent pages stay in
 * memory (a random key would touch a page anywhere in a million-row index). Without `now`, all 24
 * are random. The caller brings the randomness (rejection sampling, no bias), so this stays pure.
 *
 * @param randomBytes returns `n` cryptographically random bytes
 */
export function clientRrnFrom(randomBytes: (n: number) => Uint8Array, now?: Date): string {
  if (now === undefined) return randomChars(randomBytes, CLIENT_RRN_LENGTH)
  const span = CLIENT_RRN_ALPHABET.length ** CLIENT_RRN_TIME_CHARS
  const minute = Math.floor(now.getTime() / 60_000) % span
  const prefix = minute.toString(36).padStart(CLIENT_RRN_TIME_CHARS, '0')
  return prefix + randomChars(randomBytes, CLIENT_RRN_LENGTH - CLIENT_RRN_TIME_CHARS)
}
