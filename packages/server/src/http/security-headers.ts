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

const NOSNIFF = { 'x-content-type-options': 'nosniff' }

/** HSTS when the server is reached over https (over plain http it would be ignored at best). */
const hsts = (https: boolean): Record<string, string> =>
  https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}

/** Whether the server is reached over https. */
export interface SecurityHeadersOptions {
  https: boolean
}

/**
 * The security headers. On every response, what matters for any answer (an API's JSON, a script,
 * a page): `nosniff`, no framing, no cross-origin reads (files meant for other origins use
 * {@link publicAssetHeaders}), the referrer policy, and HSTS over https. On HTML documents also the
 * features only a page has: isolation, the permissions policy and the legacy browser switches.
 */
export const securityHeaders = ({ https }: SecurityHeadersOptions): MiddlewareHandler =>
  responseHeaders({
    always: {
      ...NOSNIFF,
      'x-frame-options': 'DENY',
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'strict-origin-when-cross-origin',
      ...hsts(https),
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

/**
 * The security headers of files any origin's page may load (the widget's scripts), served before
 * the app's own middleware: `nosniff` and HSTS as on every answer, readable cross-origin, and
 * nothing of a page's.
 */
export const publicAssetHeaders = ({ https }: SecurityHeadersOptions): MiddlewareHandler =>
  responseHeaders({
    always: { ...NOSNIFF, 'cross-origin-resource-policy': 'cross-origin', ...hsts(https) },
    documents: {},
  })
