/**
 * A fresh `Idempotency-Key` for a checkout attempt: `crypto.randomUUID` exists only in secure
 * contexts (not on a plain-http shop), `getRandomValues` everywhere.
 */
export const newKey = (): string =>
  crypto.randomUUID?.() ?? crypto.getRandomValues(new Uint32Array(4)).join('-')
