/**
 * The parameters the signing server appends to the return URL
 * (`?portmanat_status=paid&client_rrn=…`): read strictly, once per page, and removed again.
 */
import { isClientRrn } from '@portmanat-checkout/shared'

/** The URL without the return parameters; other parameters (as written) and the hash stay. */
export function withoutReturnParams(href: string): string {
  const url = new URL(href)
  // Filter the raw pairs rather than re-serialise searchParams, which would re-encode the
  // merchant's own parameters (`%20` becomes `+`).
  url.search = url.search
    .slice(1)
    .split('&')
    .filter((pair) => !/^(portmanat_status|client_rrn)(=|$)/.test(pair))
    .join('&')
  return url.href
}

let claimed = false

/**
 * The `client_rrn` of a return to the current page, handed out once: the first
 * `<portmanat-checkout>` (or `handleReturn()`) to ask gets it. The parameters stay in the address
 * bar until the server has confirmed the result ({@link cleanReturn}), so a reload before that
 * asks again. A malformed `client_rrn` (a hand-edited or truncated link) is left alone.
 */
export function claimReturn(): string | undefined {
  const query = new URLSearchParams(location.search)
  const status = query.get('portmanat_status')
  const clientRrn = query.get('client_rrn')
  if (claimed || status === null) return
  claimed = true
  // The status itself is only a hint: the server's answer about the order is what shows. A
  // malformed client_rrn (a hand-edited or truncated link) is left alone.
  if (isClientRrn(clientRrn)) return clientRrn
}

/** Removes the return parameters from the address bar (other parameters and the hash stay). */
export const cleanReturn = (): void =>
  history.replaceState(history.state, '', withoutReturnParams(location.href))

/** For tests: let the next {@link claimReturn} look at the URL again. */
export const resetReturnClaim = (): void => {
  claimed = false
}
