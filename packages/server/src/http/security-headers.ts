import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/**
 * Headers every response carries. HSTS only when the server is reached over https (sending it
 * over plain http would be ignored at best). Handlers may set their own value (e.g. `/widget.js`
 * sets `Cross-Origin-Resource-Policy: cross-origin`), which is kept.
 */
export const securityHeaders = ({ https }: { https: boolean }): MiddlewareHandler =>
  secureHeaders({
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    crossOriginResourcePolicy: 'same-origin',
    // Our pages use none of these; a merchant's page never embeds ours (X-Frame-Options: DENY).
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      serial: [],
      hid: [],
      midi: [],
      displayCapture: [],
      fullscreen: [],
      browsingTopics: [],
    },
    overwrite: false,
  })
