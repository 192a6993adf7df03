import pino, { type DestinationStream, type Logger } from 'pino'
import type { LogLevel } from './config.ts'

export type { Logger } from 'pino'

/**
 * The server's structured JSON logger. Secrets are `Secret` objects that serialise as
 * `[redacted]`; the redact list is a second line of defence for fields that must never appear.
 *
 * @example createLogger('info') // JSON lines on stdout
 */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'portmanat-checkout' },
    redact: {
      paths: [
        'secret',
        'secretKey',
        'hash',
        'authorization',
        '*.secret',
        '*.secretKey',
        '*.hash',
        '*.authorization',
      ],
      censor: '[redacted]',
    },
  }
  return destination ? pino(options, destination) : pino(options)
}
