import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { clientIp } from './client-ip.ts'

async function ipFor(headers: Record<string, string>, trustProxy: number, socket = '10.0.0.2') {
  const app = new Hono()
  app.get('/', (c) => c.text(clientIp(c, () => socket, trustProxy) ?? 'none'))
  return (await app.request('/', { headers })).text()
}

describe('clientIp', () => {
  it('uses the socket address and ignores X-Forwarded-For by default', async () => {
    expect(await ipFor({ 'x-forwarded-for': '1.2.3.4' }, 0)).toBe('10.0.0.2')
  })

  it('takes the entry our proxy appended (rightmost), not what the client sent', async () => {
    expect(await ipFor({ 'x-forwarded-for': '6.6.6.6, 198.51.100.9' }, 1)).toBe('198.51.100.9')
  })

  it('counts N proxies from the right', async () => {
    expect(await ipFor({ 'x-forwarded-for': '6.6.6.6, 198.51.100.9, 10.0.0.5' }, 2)).toBe('198.51.100.9')
  })

  it('falls back to the socket when the header is missing or garbage', async () => {
    expect(await ipFor({}, 1)).toBe('10.0.0.2')
    expect(await ipFor({ 'x-forwarded-for': '<script>' }, 1)).toBe('10.0.0.2')
  })

  it('unwraps IPv4-mapped IPv6', async () => {
    expect(await ipFor({}, 0, '::ffff:203.0.113.5')).toBe('203.0.113.5')
  })
})
