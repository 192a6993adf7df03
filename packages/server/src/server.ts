/**
 * Listening on a port with graceful shutdown: stop accepting, let in-flight requests finish
 * (bounded), then cut what is left. Requests too broken to reach the app — headers over Node's
 * limit, bytes that are not HTTP, a path or Host the adapter cannot make a web `Request` of — are
 * answered with the API's JSON error, not Node's or the adapter's empty one.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { getRequestListener } from '@hono/node-server'
import { errorBody } from './http/errors.ts'

export interface Listening {
  /** `http://HOST:PORT` as bound (the real port when asked for 0). */
  url: string
  port: number
  /** Stops accepting, waits up to `graceMs` for in-flight requests, then closes every socket. */
  close(graceMs?: number): Promise<void>
}

/** How long a client may take; Node's defaults hold a slow request open for five minutes. */
export interface Timeouts {
  /** The whole request, headers and body. @default 30000 */
  requestMs?: number
  /** The headers alone. @default 10000 */
  headersMs?: number
  /** An idle keep-alive connection. @default 5000 */
  keepAliveMs?: number
}

/** Starts an HTTP server for `fetch` and resolves once it listens. */
export function listen({
  fetch,
  port,
  host,
  timeouts: { requestMs = 30_000, headersMs = 10_000, keepAliveMs = 5000 } = {},
}: {
  fetch: Parameters<typeof getRequestListener>[0]
  port: number
  host: string
  timeouts?: Timeouts
}): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const serverOptions = {
      requestTimeout: requestMs,
      headersTimeout: Math.min(headersMs, requestMs),
      keepAliveTimeout: keepAliveMs,
      // How often Node looks for requests past those limits (its default is 30 s).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(requestMs / 4))),
    }
    const server = createServer(
      serverOptions,
      getRequestListener(fetch, { hostname: host, errorHandler: unreadableRequest }),
    )
    server.on('clientError', answerClientError)
    server.listen(port, host, () => {
      const info = server.address() as AddressInfo
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        close: (graceMs = 10_000) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), graceMs)
            force.unref()
            // Keep-alive sockets with no request in flight would otherwise hold close() open,
            // including those that become idle when their last response is sent.
            const sweep = setInterval(() => server.closeIdleConnections(), 50)
            server.close(() => {
              clearTimeout(force)
              clearInterval(sweep)
              done()
            })
            server.closeIdleConnections()
          }),
      })
    })
    server.once('error', reject)
  })
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=UTF-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

/**
 * What the adapter answers when it cannot make a web `Request` of a request (a backslash in the
 * path, an invalid Host, a body on a GET): a 400 in the API's shape. Anything else thrown before
 * the app answered is a 500 in the same shape (the app's own errors never get here).
 */
function unreadableRequest(error: unknown): Response {
  const malformed = error instanceof Error && error.name === 'RequestError'
  const body = malformed
    ? errorBody('invalid_request', `the request cannot be read: ${error.message}`)
    : errorBody('internal_error', 'the server could not answer this request')
  return new Response(JSON.stringify(body), { status: malformed ? 400 : 500, headers: JSON_HEADERS })
}

/** Node's statuses for a request its parser refused, with the API's JSON error. */
function clientErrorAnswer(code: string | undefined): { status: number; reason: string; body: string } {
  const answer = (
    status: number,
    reason: string,
    errorCode: 'invalid_request' | 'payload_too_large',
    message: string,
  ) => ({
    status,
    reason,
    body: JSON.stringify(errorBody(errorCode, message)),
  })
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return answer(
        431,
        'Request Header Fields Too Large',
        'payload_too_large',
        'the request headers are too large',
      )
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return answer(413, 'Payload Too Large', 'payload_too_large', 'the chunk extensions are too large')
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return answer(408, 'Request Timeout', 'invalid_request', 'the request took too long to arrive')
    default:
      return answer(400, 'Bad Request', 'invalid_request', 'the request is not valid HTTP')
  }
}

/** Answers a request Node's parser refused (Node's own answer has no body), then closes. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node does: no answer in the middle of another one already started on this connection.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy()
    return
  }
  const { status, reason, body: json } = clientErrorAnswer(error.code)
  // A HEAD's answer has no body: a client would read one as the start of garbage.
  const raw = (error as { rawPacket?: unknown }).rawPacket
  const body = Buffer.isBuffer(raw) && raw.subarray(0, 5).toString('latin1') === 'HEAD ' ? '' : json
  const head = [
    `HTTP/1.1 ${status} ${reason}`,
    ...Object.entries(JSON_HEADERS).map(([name, value]) => `${name}: ${value}`),
    `content-length: ${Buffer.byteLength(json)}`,
    'connection: close',
  ]
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`)
}
