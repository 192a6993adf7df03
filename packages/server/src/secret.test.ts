import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { Secret } from './secret.ts'
import { captureLogger } from './testing/capture-logger.ts'

describe('Secret', () => {
  it('never prints its value', () => {
    const secret = new Secret('very-secret-value')
    expect(String(secret)).toBe('[redacted]')
    expect(`${secret}`).toBe('[redacted]')
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}')
    expect(inspect({ nested: { secret } })).not.toContain('very-secret-value')
    expect(secret.reveal()).toBe('very-secret-value')
  })

  it('stays hidden in a log line even when a whole config object is logged', () => {
    const { logger, lines } = captureLogger()
    logger.info(
      { config: { secretKey: new Secret('very-secret-value'), other: new Secret('another-one') } },
      'x',
    )
    expect(lines.join('')).not.toContain('very-secret-value')
    expect(lines.join('')).not.toContain('another-one')
  })
})
