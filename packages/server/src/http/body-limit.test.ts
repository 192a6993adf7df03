import { Hono } from 'hono'
import { describe, expect, it, onTestFinished } from 'vitest'
import { listen } from '../server.ts'
import { bodyLimit } from './body-limit.ts'

function app() {
  const hono = new Hono()
  hono.post('/', bodyLimit({ maxSize: 10, onError: (c) => c.text('too large', 413) }), async (c) =>
    c.text(`got ${(await c.req.text()).length}`),
  )
  return hono
}

describe('bodyLimit', () => {
  it('refuses a declared length over the limit before reading, and passes one within it', async () => {
    const hono = app()
    const over = await hono.request('/', {
      method: 'POST',
      body: 'x'.repeat(11),
      headers: { 'content-length': '11' },
    })
    expect([over.status, await over.text()]).toEqual([413, 'too large'])
    const within = await hono.request('/', {
      method: 'POST',
      body: 'x'.repeat(10),
      headers: { 'content-length': '10' },
    })
    expect([within.status, await within.text()]).toEqual([200, 'got 10'])
  })

  it('counts a body without a declared length as it streams (a real chunked request)', async () => {
    const server = await listen({ fetch: app().fetch, port: 0, host: '127.0.0.1' })
    onTestFinished(() => server.close(1000))
    const chunks = (text: string) =>
      new ReadableStream({
        start(controller) {
          for (const part of text.match(/.{1,4}/g) ?? []) controller.enqueue(new TextEncoder().encode(part))
          controller.close()
        },
      })
    const send = (text: string) =>
      fetch(server.url, { method: 'POST', body: chunks(text), duplex: 'half' } as RequestInit)
    const over = await send('x'.repeat(40))
    expect(over.status).toBe(413)
    const within = await send('x'.repeat(8))
    expect(await within.text()).toBe('got 8')
  })
})
