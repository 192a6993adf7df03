import type { MiddlewareHandler } from 'hono'
import { responseHeaders } from './response-headers.ts'

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
 * The security headers. On every response, what matters for any answer (an API's JSON, a script,
 * a page): `nosniff`, no framing, no cross-origin reads (routes meant for other origins set their
 * own `Cross-Origin-Resource-Policy`), the referrer policy, and HSTS when the server is reached over
 * https (over plain http it would be ignored at best). On HTML documents also the features only a
 * page has: isolation, the permissions policy and the legacy browser switches.
 */
export const securityHeaders = ({ https }: { https: boolean }): MiddlewareHandler =>
  responseHeaders({
    always: {
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'strict-origin-when-cross-origin',
      ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    },
    documents: {
      'cross-origin-opener-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'permissions-policy': PERMISSIONS_POLICY,
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    },
  })
