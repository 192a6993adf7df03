/**
 * The pieces of the server's signed tokens (the dashboard's session, CSRF and login-form tokens,
 * the hosted page's form token): keys derived by HKDF-SHA256 from one secret under the product's
 * salt with one label per use, MACs as base64url HMAC-SHA256, compared in constant time, and
 * random ids of 128 bits.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import type { Secret } from './secret.ts'

/** A 32-byte key for one use (`label`, e.g. `dashboard session v1`), derived from `secret`. */
export const deriveKey = (secret: Secret, label: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret.reveal(), 'portmanat-checkout', label, 32))

/** HMAC-SHA256 of `text` under `key`, base64url (43 characters). */
export const mac = (key: Buffer, text: string): string =>
  createHmac('sha256', key).update(text).digest('base64url')

/** Constant-time comparison of two MACs (strings of any length). */
export function sameMac(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** 128 random bits, base64url: a session id, a nonce. */
export const randomId = (random: (n: number) => Uint8Array): string =>
  Buffer.from(random(16)).toString('base64url')

/** What {@link randomId} makes. */
export const RANDOM_ID = /^[A-Za-z0-9_-]{22}$/
