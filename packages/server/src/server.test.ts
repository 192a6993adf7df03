import { once } from 'node:events'
import { connect } from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { createSandboxMode } from './sandbox-mode.ts'
import { listen } from './server.ts'
import { captureLogger } from './testing/capture-logger.ts'
import { storeFactories } from './testing/engines.ts'

const [first] = storeFactories
if (!first) throw new Error('no store engine')
const engine = first

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual',
})

const hidden = (html: string, name: string) => {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]
  if (value === undefined) throw new Error(`no hidden ${name} in the page`)
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
}

/** The app in sandbox mode behind a real listening server on a free port, closed after the test. */
async function listenInSandboxMode(env: Record<string, string> = {}) {
  // Bound first, so PUBLIC_URL can name the real port; requests reach the app once it exists.
  let app: ReturnType<typeof createApp> | undefined
  const server = await listen({
    port: 0,
    host: '127.0.0.1',
    fetch: (request, env) => (app ? app.fetch(request, env) : new Response('starting', { status: 503 })),
  })
  onTestFinished(() => server.close(1000))
  const config = loadConfig({
    PUBLIC_URL: server.url,
    DATABASE_URL: 'sqlite::memory:',
    LOG_LEVEL: 'silent',
    ...env,
  })
  const { sandbox, psp } = createSandboxMode(config)
  app = createApp(config, { store: await engine.open(), psp, sandbox, logger: captureLogger().logger })
  return server
}

describe('a real listening server in sandbox mode', () => {
  it('takes a payment from checkout through the sandbox pages to paid, over real HTTP', async () => {
    const merchant = 'https://shop.example.az'
    const server = await listenInSandboxMode({ ALLOWED_ORIGINS: merchant })

    const checkout = await fetch(`${server.url}/api/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: merchant },
      body: JSON.stringify({ item: 'coffee', return_url: `${merchant}/thanks` }),
    })
    expect(checkout.status).toBe(201)
    const order = (await checkout.json()) as {
      client_rrn: string
      redirect: { url: string; fields: Record<string, string> }
    }
    // The socket address, not a header, is the client IP.
    expect(order.redirect.fields.client_ip).toBe('127.0.0.1')

    const checkPage = await fetch(order.redirect.url, form(order.redirect.fields))
    expect(checkPage.status).toBe(200)
    const psp_rrn = hidden(await checkPage.text(), 'psp_rrn')

    const next = await fetch(`${server.url}/sandbox/process/continue`, form({ psp_rrn }))
    expect(next.status).toBe(303)
    const bankUrl = new URL(next.headers.get('location') ?? '', server.url)
    expect((await fetch(bankUrl)).status).toBe(200)

    const paid = await fetch(
      `${server.url}/sandbox/bank`,
      form({ psp_rrn, number: '4242 4242 4242 4242', expiry: '12/39', cvv: '123' }),
    )
    expect(paid.status).toBe(303)
    const callback = paid.headers.get('location') ?? ''
    expect(callback.startsWith(`${server.url}/api/callback?`)).toBe(true)

    const back = await fetch(callback, { redirect: 'manual' })
    expect(back.status).toBe(303)
    expect(back.headers.get('location')).toBe(
      `${merchant}/thanks?portmanat_status=paid&client_rrn=${order.client_rrn}`,
    )

    const payment = await fetch(`${server.url}/api/payments/${order.client_rrn}`)
    expect(await payment.json()).toMatchObject({
      client_rrn: order.client_rrn,
      status: 'paid',
      amount: '24.90',
    })
  })

  it('passes the socket to the mounted sandbox, so its drop fault closes the connection instead of a 500', async () => {
    const server = await listenInSandboxMode()

    const dropped = fetch(`${server.url}/sandbox/check`, {
      ...form({ psp_rrn: 'anything' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-sandbox-fault': 'drop' },
    })
    await expect(dropped).rejects.toThrow()
  })

  it('closes gracefully: an in-flight request finishes, new connections are refused', async () => {
    let release: () => void = () => {}
    const held = new Promise<void>((done) => {
      release = done
    })
    let arrive: () => void = () => {}
    const arrived = new Promise<void>((done) => {
      arrive = done
    })
    const server = await listen({
      port: 0,
      host: '127.0.0.1',
      fetch: async () => {
        arrive()
        await held
        return new Response('finished')
      },
    })
    const inFlight = fetch(`${server.url}/slow`)
    await arrived
    const closing = server.close(5000)
    release()
    expect(await (await inFlight).text()).toBe('finished')
    await closing
    await expect(fetch(`${server.url}/again`)).rejects.toThrow()
  })

  it('cuts off a request whose body trickles in slower than the request timeout', async () => {
    const server = await listen({
      port: 0,
      host: '127.0.0.1',
      fetch: async (request) => new Response(await request.text()),
      timeouts: { requestMs: 800, headersMs: 800 },
    })
    onTestFinished(() => server.close(1000))
    const socket = connect(server.port, '127.0.0.1')
    await once(socket, 'connect')
    let answer = ''
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString()
    })
    socket.write(
      'POST /api/checkout HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    )
    // One byte every 200 ms: the whole body would take 20 s.
    const drip = setInterval(() => socket.writable && socket.write(' '), 200)
    const started = Date.now()
    await once(socket, 'close')
    clearInterval(drip)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
  })

  it('answers a slow request with 408 and the API error shape', async () => {
    const server = await listen({
      port: 0,
      host: '127.0.0.1',
      fetch: () => new Response('never'),
      timeouts: { requestMs: 300, headersMs: 300 },
    })
    onTestFinished(() => server.close(1000))
    const answer = parse(await raw(server.port, 'GET /api/items HTTP/1.1\r\nHost: x\r\n', { wait: 'close' }))
    expect(answer.status).toBe(408)
    expect(answer.json).toEqual({
      error: { code: 'invalid_request', message: 'the request took too long to arrive' },
    })
  })
})

/** Sends `bytes` on a fresh connection and returns everything the server sent until it closed. */
async function raw(port: number, bytes: string, { wait = 'close' }: { wait?: 'close' } = {}) {
  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  let answer = ''
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString('latin1')
  })
  socket.on('error', () => {})
  socket.write(bytes)
  if (wait === 'close') await once(socket, 'close')
  return answer
}

/** The status line, headers and JSON body of a raw HTTP/1.1 answer. */
function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  const [statusLine = '', ...lines] = head.split('\r\n')
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  )
  return { status: Number(statusLine.split(' ')[1]), headers, json: body ? JSON.parse(body) : undefined }
}

describe('requests too broken to reach the app', () => {
  async function server() {
    let reached = 0
    const listening = await listen({
      port: 0,
      host: '127.0.0.1',
      fetch: () => {
        reached += 1
        return new Response('app')
      },
    })
    onTestFinished(() => listening.close(1000))
    return { ...listening, reached: () => reached }
  }

  it("answers headers over Node's limit with 431 in the API error shape", async () => {
    const s = await server()
    const answer = parse(
      await raw(s.port, `GET /api/items HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    )
    expect(answer.status).toBe(431)
    expect(answer.headers['content-type']).toBe('application/json; charset=UTF-8')
    expect(answer.json).toEqual({
      error: { code: 'payload_too_large', message: 'the request headers are too large' },
    })
    expect(s.reached()).toBe(0)
  })

  it('answers a HEAD it refused with the status alone, no body', async () => {
    const s = await server()
    const answer = await raw(
      s.port,
      `HEAD /api/items HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    )
    expect(parse(answer).status).toBe(431)
    expect(answer.endsWith('\r\n\r\n')).toBe(true)
  })

  it('answers bytes that are not HTTP with 400 in the API error shape', async () => {
    const s = await server()
    const answer = parse(await raw(s.port, 'HELLO THERE\r\n\r\n'))
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({
      error: { code: 'invalid_request', message: 'the request is not valid HTTP' },
    })
  })

  it('answers a path the adapter cannot make a Request of with 400 in the API error shape', async () => {
    const s = await server()
    const answer = parse(
      await raw(s.port, 'GET /api\\items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    )
    expect(answer.status).toBe(400)
    expect(answer.headers['content-type']).toBe('application/json; charset=UTF-8')
    expect(answer.json).toEqual({
      error: { code: 'invalid_request', message: 'the request cannot be read: Backslash in request path' },
    })
    expect(s.reached()).toBe(0)
  })

  it('still serves well-formed requests on the same server', async () => {
    const s = await server()
    const res = await fetch(`${s.url}/api/items`)
    expect(await res.text()).toBe('app')
    expect(s.reached()).toBe(1)
  })
})
