/**
 * The token in a hosted payment page's form. There is no session to bind it to, so it is signed:
 * `{expires}.{nonce}.{mac}` over what the form pays for, under a key derived (HKDF, labelled for
 * this one use) from the PSP secret key, which every instance of a shop shares. It proves the
 * form came from our page (another site cannot make one), bounds how long a page stays payable,
 * and its nonce makes a double submit one order instead of two.
 */
import { deriveKey, mac, randomId, sameMac } from '../hmac.ts'
import type { Secret } from '../secret.ts'

/** How long a payment page's form stays valid. */
export const PAY_FORM_TTL_MS = 2 * 60 * 60 * 1000

export type PayTarget = { item: string } | { orderToken: string }

const what = (target: PayTarget) => ('item' in target ? `item:${target.item}` : `order:${target.orderToken}`)

export const payFormKey = (secret: Secret): Buffer => deriveKey(secret, 'hosted pay form v1')

export function issuePayForm(
  key: Buffer,
  target: PayTarget,
  random: (n: number) => Uint8Array,
  now: Date,
): string {
  const expires = now.getTime() + PAY_FORM_TTL_MS
  const nonce = randomId(random)
  return `${expires}.${nonce}.${mac(key, `pay.${what(target)}.${expires}.${nonce}`)}`
}

export type PayFormCheck = { ok: true; nonce: string } | { ok: false; why: 'expired' | 'invalid' }

export function checkPayForm(key: Buffer, target: PayTarget, token: unknown, now: Date): PayFormCheck {
  if (typeof token !== 'string') return { ok: false, why: 'invalid' }
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token)
  const [, expires = '', nonce = '', given = ''] = match ?? []
  if (!match) return { ok: false, why: 'invalid' }
  if (!sameMac(given, mac(key, `pay.${what(target)}.${expires}.${nonce}`)))
    return { ok: false, why: 'invalid' }
  if (Number(expires) <= now.getTime()) return { ok: false, why: 'expired' }
  return { ok: true, nonce }
}
