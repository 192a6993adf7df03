/**
 * The `Accept-*` request headers (`Accept-Encoding`, `Accept-Language`): a comma-separated list
 * of tokens, each with an optional weight (`gzip;q=0.8`), as RFC 9110 §12.4.2 writes them.
 */

/** A browser sends a handful of entries: only this many are read, however long the header. */
export const ACCEPT_PARTS = 20

/** One entry: its token (lower case) and its weight, 1 when the entry gives none. */
export interface Weighted {
  token: string
  q: number
}

/**
 * The first `limit` entries of an `Accept-*` header, in the header's order (which breaks ties of
 * weight). Tokens and parameter names are case-insensitive, so both come lower-cased. A weight
 * that is not a number reads as 0: not acceptable.
 *
 * @default limit ACCEPT_PARTS
 * @example parseAccept('ru-RU, en;q=0.8') // [{ token: 'ru-ru', q: 1 }, { token: 'en', q: 0.8 }]
 */
export function parseAccept(header: string | undefined, limit = ACCEPT_PARTS): Weighted[] {
  if (!header) return []
  return header
    .toLowerCase()
    .split(',', limit)
    .map((part) => {
      const [token = '', ...params] = part.split(';')
      const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean)
      return { token: token.trim(), q: q === undefined ? 1 : Number(q) || 0 }
    })
}
