import { describe, expect, it } from 'vitest'
import { csrfToken, issueSession, loginFormToken, readSession, sessionKeys } from './dashboard/session.ts'
import { deriveKey, mac, RANDOM_ID, randomId, sameMac } from './hmac.ts'
import { issuePayForm, payFormKey } from './pay/form-token.ts'
import { Secret } from './secret.ts'

const counting = (n: number) => Uint8Array.from({ length: n }, (_, i) => i)
const now = new Date('2025-01-02T03:04:05.000Z')

describe('signed tokens', () => {
  // Pinned: every instance of a shop, old and new, must derive the same keys and accept the
  // same sessions and forms; a change here logs operators out and refuses open payment pages.
  it('derive the same keys and tokens as every earlier release', () => {
    const keys = sessionKeys(new Secret('operator password'))
    expect(keys.session.toString('hex')).toBe(
      'd778dd9c16498a305b7cb64e49764b8a5d53e15c475a163c027b092a905f3586',
    )
    expect(keys.csrf.toString('hex')).toBe('ae676c3c8ce9eeddfa4a05ddcdecb421583bef8a82a86adc49f7330905c31866')
    expect(keys.login.toString('hex')).toBe(
      '2635d3937168378bdc08afbb432af29043f894f9f1077a9528150f9e0e9933e2',
    )
    const cookie = issueSession(keys, counting, now)
    expect(cookie).toBe('v1.AAECAwQFBgcICQoLDA0ODw.1735830245000.7aed1hIG3d2v7eZVAA1VFJmq9HACSP8XTreyVOsHCwg')
    const session = readSession(keys, cookie, now)
    expect(session && csrfToken(keys, session)).toBe('zf9MT6eK4euqaBm0HwaP7Gdh8bKwK8Z2WdcsYF8iABo')
    expect(loginFormToken(keys, 'AAECAwQFBgcICQoLDA0ODw', now)).toBe(
      '1735790645000.KDR7wGESXVk20tgO9EGrgj5kbbSYieFwYON68AZd-W4',
    )
    const pay = payFormKey(new Secret('psp secret key'))
    expect(pay.toString('hex')).toBe('2af0e539a03599361d855c942e43b98a69c4a476dcabeed931fd686bf2e352d5')
    expect(issuePayForm(pay, { item: 'premium' }, counting, now)).toBe(
      '1735794245000.AAECAwQFBgcICQoLDA0ODw.43WeJJDq3RQinM6MZxfwXK9A6T6aGodYt-Obc2e-RKw',
    )
  })

  it('compare MACs only when equal, whatever their lengths', () => {
    const key = deriveKey(new Secret('s'), 'test v1')
    const tag = mac(key, 'text')
    expect(tag).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(sameMac(tag, mac(key, 'text'))).toBe(true)
    expect(sameMac(tag, mac(key, 'other'))).toBe(false)
    expect(sameMac(tag.slice(1), tag)).toBe(false)
    expect(sameMac('', tag)).toBe(false)
  })

  it('make random ids of 128 bits that RANDOM_ID accepts', () => {
    const id = randomId(counting)
    expect(id).toBe('AAECAwQFBgcICQoLDA0ODw')
    expect(RANDOM_ID.test(id)).toBe(true)
    expect(RANDOM_ID.test(`${id}A`)).toBe(false)
  })
})
