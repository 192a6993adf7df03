/**
 * Identifiers in the provider's shapes: `psp_rrn` (`1495199725-5xfasd-6CVI3o-l]Bupz`) and
 * `bank_rrn` (`O/yn+szmjVxYVMmst0T7Z02zxM0=`). Both carry characters that need URL-encoding,
 * so a client that forgets to encode breaks in the sandbox, not in production.
 */
import { randomBytes, randomInt } from 'node:crypto'

const SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
/** Characters that a URL must percent-encode (or that a form decodes as a space). */
export const URL_UNSAFE = ']+/='
const ALPHABET = SAFE + URL_UNSAFE

/** `{unix seconds}-{6}-{6}-{6}` over letters, digits and `]+/=`. */
export const PSP_RRN_PATTERN = /^\d{10,}-[A-Za-z0-9\]+/=]{6}-[A-Za-z0-9\]+/=]{6}-[A-Za-z0-9\]+/=]{6}$/

const segment = () => Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')

/**
 * A new `psp_rrn`. The last segment always holds at least one URL-unsafe character, so every
 * payment tests the client's encoding, not one in three.
 *
 * @example pspRrn(new Date()) // '1764200000-aZ3+9q-Qe0/xk-l]Bupz'
 */
export function pspRrn(now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000)
  const last = segment().split('')
  last[randomInt(last.length)] = URL_UNSAFE[randomInt(URL_UNSAFE.length)] ?? ']'
  return `${seconds}-${segment()}-${segment()}-${last.join('')}`
}

/** A new `bank_rrn`: base64 of 20 random bytes, like the bank's SHA-1-sized reference. */
export function bankRrn(): string {
  return randomBytes(20).toString('base64')
}
