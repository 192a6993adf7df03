import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createPspClient } from '../psp/client.ts'
import { httpPost } from './post.ts'

const PAID = JSON.stringify({
  status: 'OK',
  code: '0',
  description: 'OK',
  body: { amount: '5.23', client_rrn: 'a'.repeat(24), psp_rrn: 'p-1', bank_rrn: 'b-1' },
})

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void

const servers: (http.Server | https.Server)[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((done) => server.close(done))
  }
})

async function listen(server: http.Server | https.Server, handler: Handler) {
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  servers.push(server)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return (server.address() as AddressInfo).port
}

/** A real PSP stand-in on loopback; counts the connections it accepted. */
async function psp(handler: Handler) {
  const server = http.createServer()
  let connections = 0
  server.on('connection', () => {
    connections += 1
  })
  const port = await listen(server, handler)
  return { url: `http://127.0.0.1:${port}`, connections: () => connections }
}

const noSleep = async () => {}
const form = () => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'psp_rrn=p-1',
  signal: new AbortController().signal,
})

describe('the PSP client on node:http', () => {
  it('POSTs the form to /check and keeps one connection alive across checks', async () => {
    const seen: { method?: string; url?: string; type?: string; body: string }[] = []
    const server = await psp((req, res, body) => {
      seen.push({ method: req.method, url: req.url, type: req.headers['content-type'], body })
      res.setHeader('content-type', 'application/json')
      res.end(PAID)
    })
    const client = createPspClient({ baseUrl: server.url, sleep: noSleep })
    expect((await client.check('p-1')).kind).toBe('paid')
    expect((await client.check('p-2')).kind).toBe('paid')
    expect(seen).toEqual([
      { method: 'POST', url: '/check', type: 'application/x-www-form-urlencoded', body: 'psp_rrn=p-1' },
      { method: 'POST', url: '/check', type: 'application/x-www-form-urlencoded', body: 'psp_rrn=p-2' },
    ])
    expect(server.connections()).toBe(1)
  })

  it('sends again on a new connection when the PSP had closed the kept-alive one', async () => {
    const served = new WeakMap<object, number>()
    const server = await psp((req, res) => {
      const count = (served.get(req.socket) ?? 0) + 1
      served.set(req.socket, count)
      // The second request on a connection finds it closed, as when the PSP's idle timeout and
      // our reuse cross on the wire.
      if (count > 1) {
        req.socket.destroy()
        return
      }
      res.end(PAID)
    })
    const client = createPspClient({ baseUrl: server.url, attempts: 1, sleep: noSleep })
    expect((await client.check('p-1')).kind).toBe('paid')
    expect((await client.check('p-1')).kind).toBe('paid')
    expect(server.connections()).toBe(2)
  })

  it('times out a PSP that sends its headers and then stalls', async () => {
    const server = await psp((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"status":')
    })
    const client = createPspClient({ baseUrl: server.url, timeoutMs: 50, attempts: 1, sleep: noSleep })
    expect(await client.check('p-1')).toEqual({ kind: 'unreadable', reason: 'timeout after 50 ms' })
  })

  it('refuses an answer larger than it reads, and says so', async () => {
    const server = await psp((_req, res) => res.end(' '.repeat(200_000)))
    const client = createPspClient({ baseUrl: server.url, attempts: 1, sleep: noSleep })
    expect(await client.check('p-1')).toEqual({
      kind: 'unreadable',
      reason: 'network error: answer larger than 65536 bytes',
    })
  })

  it('reports a refused connection as a network error, retried', async () => {
    const server = await psp((_req, res) => res.end(PAID))
    const { url } = server
    await new Promise((done) => servers.pop()?.close(done))
    const client = createPspClient({ baseUrl: url, attempts: 2, sleep: noSleep })
    const result = await client.check('p-1')
    expect(result.kind === 'unreadable' && result.reason).toMatch(/^network error: .*ECONNREFUSED/)
  })
})

const openssl = ['/usr/bin/openssl', '/bin/openssl'].find((path) => existsSync(path))

describe.skipIf(!openssl)('the PSP client on node:https', () => {
  it('checks the PSP certificate and answers over TLS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portmanat-psp-tls-'))
    try {
      execFileSync(
        openssl as string,
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-days',
          '1',
        ],
        { stdio: 'ignore' },
      )
      const key = readFileSync(join(dir, 'key.pem'))
      const cert = readFileSync(join(dir, 'cert.pem'))
      const port = await listen(https.createServer({ key, cert }), (_req, res) => res.end(PAID))
      const url = `https://127.0.0.1:${port}/check`
      const trusting = httpPost({ ca: cert })
      const answer = await trusting(url, form())
      expect(answer).toEqual({ status: 200, text: PAID })
      // Without that authority the self-signed certificate is refused, as a forged PSP's would be.
      await expect(httpPost()(url, form())).rejects.toThrow(/self[- ]signed/i)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
