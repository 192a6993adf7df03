/** Origin checks shared by checkout, orders, return URLs and our own pages' forms. */

/** Host names of this machine as a URL writes them. */
export const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The origins our own pages are served from: `PUBLIC_URL`'s, and on a loopback address its
 * `localhost` and `127.0.0.1` twins too, so the demo works whichever a browser was given.
 */
export function ownOrigins(publicUrl: string): string[] {
  const url = new URL(publicUrl)
  if (!LOOPBACK.has(url.hostname)) return [url.origin]
  const port = url.port ? `:${url.port}` : ''
  return [
    ...new Set([...['localhost', '127.0.0.1'].map((host) => `${url.protocol}//${host}${port}`), url.origin]),
  ]
}

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
