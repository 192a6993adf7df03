import type { MiddlewareHandler } from 'hono'

/** Our pages use none of these features; a merchant's page never embeds ours (X-Frame-Options: DENY). */
const PERMISSIONS_POLICY = [
  'camera',
  'microphone',
  'geolocation',
  'payment',
  'usb',
  'serial',
  'hid',
  'midi',
  'display-capture',
  'fullscreen',
  'browsing-topics',
]
  .map((feature) => `${feature}=()`)
  .join(', ')

/**
 * Headers every response carries. HSTS only when the server is reached over https (sending it
 * over plain http would be ignored at best). Handlers may set their own value (e.g. `/widget.js`
 * sets `Cross-Origin-Resource-Policy: cross-origin`), which is kept.
 *
 * They are set before the handler runs, so the response is built with them once; setting headers
 * on a finished response (as `hono/secure-headers` does) makes the Node adapter convert it into a
 * full web `Response` first. Only a response a handler built on its own (the mounted sandbox)
 * gets the missing ones afterwards.
 */
export const securityHeaders = ({ https }: { https: boolean }): MiddlewareHandler => {
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ...(https
      ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]]
      : []),
  ]
  return async function securityHeaders(c, next) {
    for (const [name, value] of headers) c.header(name, value)
    await next()
    const sent = c.res.headers
    if (sent.has('x-content-type-options')) return
    for (const [name, value] of headers) if (!sent.has(name)) sent.set(name, value)
  }
}
