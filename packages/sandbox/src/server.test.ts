/**
 * The sandbox on a real socket (@hono/node-server on port 0, real fetch): the walk, /check and
 * the faults that only a network shows — a dropped and a hanging connection.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { parseCheckResponse } from '@portmanat-checkout/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { createSandbox } from './app.ts'
import { fakeClock, formPost, formsOf, processForm, SHOP } from './test-support.ts'
import type { SandboxOptions } from './types.ts'

const servers: { close(): void; closeAllConnections?(): void }[] = []

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections?.()
    server.close()
  }
})

async function listen(options: SandboxOptions = {}) {
  const sandbox = createSandbox({ services: [SHOP], now: fakeClock().now, ...options })
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve(
        { fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' },
        (info: AddressInfo) => resolve({ server, port: info.port }),
      )
    },
  )
  servers.push(server as (typeof servers)[number])
  const url = `http://127.0.0.1:${port}`
  const post = (path: string, body: URLSearchParams | string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, { ...formPost(body), redirect: 'manual', ...init })
  return { ...sandbox, url, post }
}

async function paidPayment(sandbox: Awaited<ReturnType<typeof listen>>, card = '4242 4242 4242 4242') {
  const form = processForm()
  const checkPage = await sandbox.post('/process', form)
  const [next] = formsOf(await checkPage.text())
  const toBank = await sandbox.post(next?.action ?? '', next?.fields ?? '')
  const bank = await fetch(`${sandbox.url}${toBank.headers.get('location')}`)
  const [cardForm] = formsOf(await bank.text())
  const fields = new URLSearchParams(cardForm?.fields)
  fields.set('number', card)
  fields.set('expiry', '12/30')
  fields.set('cvv', '123')
  const done = await sandbox.post('/bank', fields)
  return { form, done, callback: new URL(done.headers.get('location') ?? '') }
}

describe('on a real socket', () => {
  it('walks the flow and answers /check', async () => {
    const sandbox = await listen()
    const { form, done, callback } = await paidPayment(sandbox)
    expect(done.status).toBe(303)
    expect(callback.searchParams.get('client_rrn')).toBe(form.get('client_rrn'))
    const check = await sandbox.post(
      '/check',
      new URLSearchParams({ psp_rrn: callback.searchParams.get('psp_rrn') ?? '' }),
    )
    expect(check.headers.get('content-type')).toBe('application/json')
    expect(parseCheckResponse(await check.text())).toMatchObject({ kind: 'paid', body: { amount: '5.23' } })
  })

  it('answers the documented BAD shapes', async () => {
    const sandbox = await listen()
    expect(await (await sandbox.post('/check', '')).json()).toMatchObject({ status: 'BAD', code: 10 })
    expect(await (await sandbox.post('/check', 'psp_rrn=x')).json()).toEqual({
      status: 'BAD',
      code: 20,
      description: 'RRN is wrong',
    })
  })

  it('drops the connection: fetch rejects', async () => {
    const sandbox = await listen()
    await expect(
      sandbox.post('/check', 'psp_rrn=x', { headers: { 'X-Sandbox-Fault': 'drop' } }),
    ).rejects.toThrow('fetch failed')
    sandbox.control.setFaults({ drop: true, times: 1 })
    await expect(sandbox.post('/check', 'psp_rrn=x')).rejects.toThrow('fetch failed')
    expect((await sandbox.post('/check', 'psp_rrn=x')).status).toBe(200)
  })

  it('hangs until the client gives up', async () => {
    const sandbox = await listen()
    const attempt = sandbox.post('/check', 'psp_rrn=x', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Sandbox-Fault': 'hang' },
      signal: AbortSignal.timeout(300),
    })
    await expect(attempt).rejects.toMatchObject({ name: 'TimeoutError' })
    // The server is still there for the next request.
    expect((await sandbox.post('/check', 'psp_rrn=x')).status).toBe(200)
  })

  it('drops a hanging connection at the cap', async () => {
    const sandbox = await listen({ maxHangMs: 50 })
    sandbox.control.setFaults({ hang: true })
    await expect(
      sandbox.post('/check', 'psp_rrn=x', { signal: AbortSignal.timeout(10_000) }),
    ).rejects.toThrow('fetch failed')
  })

  it('answers status and malformed faults', async () => {
    const sandbox = await listen()
    const unavailable = await sandbox.post('/check', 'psp_rrn=x', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Sandbox-Fault': 'status=503' },
    })
    expect(unavailable.status).toBe(503)
    expect(unavailable.headers.get('content-type')).toContain('text/html')
    const malformed = await sandbox.post('/check', 'psp_rrn=x', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Sandbox-Fault': 'malformed' },
    })
    expect(parseCheckResponse(await malformed.text())).toEqual({ kind: 'unreadable', reason: 'not JSON' })
  })

  it('serves the pages and the control endpoints', async () => {
    const sandbox = await listen()
    const css = await fetch(`${sandbox.url}/assets/sandbox.css`)
    expect(css.headers.get('content-type')).toContain('text/css')
    const settle = await fetch(`${sandbox.url}/_sandbox/settle`, {
      method: 'POST',
      body: JSON.stringify({ psp_rrn: 'x', outcome: 'paid' }),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(settle.status).toBe(404)
    const huge = await sandbox.post('/process', `a=${'x'.repeat(200_000)}`)
    expect(huge.status).toBe(413)
  })
})
