import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Secret } from '../secret.ts'
import { hashPrefix, signProcess } from './sign.ts'

describe('signProcess', () => {
  it('is hex HMAC-SHA256 of service_id + client_rrn + amount with the secret', () => {
    const fields = { service_id: '100001', client_rrn: 'abcdefghijklmnopqrstuvwx', amount: '5.23' }
    const expected = createHmac('sha256', 's3cr3t-key')
      .update('100001abcdefghijklmnopqrstuvwx5.23')
      .digest('hex')
    expect(signProcess(new Secret('s3cr3t-key'), fields)).toBe(expected)
  })

  it('changes with every signed field', () => {
    const secret = new Secret('k'.repeat(16))
    const base = { service_id: '1', client_rrn: 'a'.repeat(24), amount: '5.00' }
    const hash = signProcess(secret, base)
    expect(signProcess(secret, { ...base, amount: '5.01' })).not.toBe(hash)
    expect(signProcess(secret, { ...base, service_id: '2' })).not.toBe(hash)
    expect(signProcess(new Secret('j'.repeat(16)), base)).not.toBe(hash)
  })

  it('logs at most a prefix', () => {
    expect(hashPrefix('0123456789abcdef')).toBe('01234567')
  })
})
