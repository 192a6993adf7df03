/**
 * The parameters the signing server appends to the return URL
 * (`?portmanat_status=paid&client_rrn=…`): reading them strictly and removing them again.
 */
import { isClientRrn, RETURN_PARAMS, type ReturnStatus } from '@portmanat-checkout/shared'

export interface ReturnParams {
  /** What the query says; the widget shows what `/api/payments` says. */
  status: ReturnStatus
  clientRrn: string
}

const STATUSES: readonly ReturnStatus[] = ['paid', 'pending', 'failed']
const NAMES: readonly string[] = [RETURN_PARAMS.status, RETURN_PARAMS.clientRrn]

/**
 * The return parameters of a URL: `undefined` when absent, `'invalid'` when present but not
 * well-formed (a hand-edited or truncated link).
 */
export function readReturnParams(href: string): ReturnParams | 'invalid' | undefined {
  const query = new URL(href).searchParams
  const status = query.get(RETURN_PARAMS.status)
  const clientRrn = query.get(RETURN_PARAMS.clientRrn)
  if (status === null) return undefined
  const known = STATUSES.find((value) => value === status)
  return known && isClientRrn(clientRrn) ? { status: known, clientRrn } : 'invalid'
}

/** The URL without the return parameters; other parameters (untouched) and the hash stay. */
export function withoutReturnParams(href: string): string {
  const url = new URL(href)
  if (!NAMES.some((name) => url.searchParams.has(name))) return href
  // Filter the raw pairs rather than re-serialising searchParams, which would re-encode the
  // merchant's own parameters (`%20` becomes `+`).
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => !NAMES.includes(decodeURIComponent(pair.split('=')[0] ?? '')))
  url.search = kept.length ? `?${kept.join('&')}` : ''
  return url.href
}

let claimed = false

/**
 * Takes the return parameters of the current page once: the first `<portmanat-checkout>` (or
 * the script-only fallback) to ask gets them, and the address bar loses them so that a reload
 * or a second element does not show the result again.
 */
export function claimReturn(): ReturnParams | undefined {
  if (claimed) return undefined
  const found = readReturnParams(location.href)
  if (found === undefined) return undefined
  claimed = true
  if (found === 'invalid') {
    console.warn('[portmanat-checkout] ignoring malformed return parameters')
    return undefined
  }
  history.replaceState(history.state, '', withoutReturnParams(location.href))
  return found
}

/** For tests: let the next call of {@link claimReturn} look at the URL again. */
export const resetReturnClaim = (): void => {
  claimed = false
}
