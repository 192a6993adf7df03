/** Origin checks shared by checkout, orders and return URLs. */

/** The origin of an absolute http(s) URL, or undefined. */
export function originOf(value: string | undefined): string | undefined {
  if (!value || !URL.canParse(value)) return undefined
  const url = new URL(value)
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined
}

/** True when `url` is an absolute http(s) URL on one of `allowed`. */
export function isAllowedUrl(url: string, allowed: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== undefined && allowed.includes(origin)
}
