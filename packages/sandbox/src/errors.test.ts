/**
 * Garbage in never gives a 500 or a stack trace: wrong methods, huge bodies, bad encodings,
 * missing content types, unknown addresses. And every page works under default-src 'self'.
 */
import { describe, expect, it } from 'vitest'
import { BODY_LIMIT_BYTES } from './errors.ts'
import { formPost, processForm, setup } from './test-support.ts'

const noStack = (text: string) => {
  expect(text).not.toMatch(/at .+\.ts:\d+/)
  expect(text).not.toContain('Error:')
}

describe('garbage in', () => {
  it.each([
    ['GET', '/process', 405],
    ['PUT', '/process', 405],
    ['GET', '/check', 405],
    ['DELETE', '/check', 405],
    ['GET', '/process/continue', 405],
    ['PATCH', '/bank', 405],
    ['GET', '/nothing/here', 404],
    ['POST', '/', 404],
    ['GET', '/assets/evil.js', 404],
    ['GET', '/assets/..%2F..%2Fpackage.json', 404],
  ])('%s %s → %i', async (method, path, status) => {
    const response = await setup().request(path, { method })
    expect(response.status).toBe(status)
    noStack(await response.text())
    if (status === 405) expect(response.headers.get('allow')).toBeTruthy()
  })

  it('refuses a huge body with 413, as a page or as JSON', async () => {
    const s = setup()
    const huge = `psp_rrn=${'x'.repeat(BODY_LIMIT_BYTES)}`
    const page = await s.request('/process', formPost(huge))
    expect(page.status).toBe(413)
    expect(page.headers.get('content-type')).toContain('text/html')
    const json = await s.request('/check', formPost(huge))
    expect(json.status).toBe(413)
    expect(await json.json()).toMatchObject({ error: { code: 'payload_too_large' } })
    // Without Content-Length, a streamed body is counted as it arrives.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)))
        controller.close()
      },
    })
    const streamed = await s.request('/check', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
  })

  it('survives bad encodings', async () => {
    const s = setup()
    const bodies: (string | Uint8Array)[] = [
      'service_id=%ZZ&amount=%E0%A4%A',
      new Uint8Array([0xff, 0xfe, 0x3d, 0x00, 0xc3, 0x28]),
      '%%%%&&&===',
      'amount=5.23\u0000&hash=\ud800',
    ]
    for (const body of bodies) {
      for (const path of ['/process', '/check', '/bank', '/process/cancel']) {
        const response = await s.request(path, {
          method: 'POST',
          body,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        })
        expect(response.status).toBeLessThan(500)
        noStack(await response.text())
      }
    }
  })

  it('survives broken multipart and odd content types', async () => {
    const s = setup()
    for (const type of [
      'multipart/form-data; boundary=xyz',
      'multipart/form-data',
      'text/plain',
      'application/octet-stream',
      '',
    ]) {
      for (const path of ['/process', '/check', '/bank', '/_sandbox/settle']) {
        const response = await s.request(path, {
          method: 'POST',
          body: '--xyz\r\nbroken',
          headers: type ? { 'Content-Type': type } : {},
        })
        expect(response.status).toBeLessThan(500)
        noStack(await response.text())
      }
    }
  })

  it('a file field is not taken as a value', async () => {
    const s = setup()
    const body = new FormData()
    for (const [key, value] of processForm()) body.set(key, value)
    body.set('amount', new Blob(['5.23']), 'amount.txt')
    const response = await s.request('/process', { method: 'POST', body })
    expect(response.status).toBe(400)
  })
})

describe('pages under a strict CSP', () => {
  it('carry the policy and no inline script or style', async () => {
    const s = setup()
    const pages = [
      await s.request('/process', formPost(processForm())),
      await s.request('/process', formPost('')),
      await s.request('/nothing'),
      await s.request('/bank?psp_rrn=nope'),
    ]
    for (const page of pages) {
      expect(page.headers.get('content-security-policy')).toBe("default-src 'self'")
      const html = await page.text()
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/)
      expect(html).not.toMatch(/\sstyle=/)
      expect(html).not.toMatch(/\son[a-z]+=/)
      expect(html).not.toContain('<style')
      expect(html).toMatch(/<html lang="(az|en|ru)">/)
      expect(html).toContain('class="banner"')
    }
  })
})
