/**
 * Sends one hostile request and returns what came back, bytes as sent: through `node:http` for
 * anything a client library can express, or as raw bytes on a socket for what it refuses
 * (broken framing, bad request lines, smuggling attempts).
 */
import { request } from 'node:http'
import { connect } from 'node:net'
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'

export interface HttpRequest {
  kind: 'http'
  method: string
  /** Path and query, already within what `node:http` accepts. */
  path: string
  headers: Record<string, string>
  body?: Uint8Array
}

export interface RawRequest {
  kind: 'raw'
  /** Everything sent on the socket, as latin1. */
  bytes: string
}

export type HostileRequest = HttpRequest | RawRequest

/** One response; a raw socket may carry several (pipelined or smuggled requests). */
export interface Answer {
  status: number
  headers: Record<string, string>
  /** Decoded from Content-Encoding when it could be; undefined for raw answers. */
  body?: Buffer
}

export interface Outcome {
  /** Empty when the server closed the connection without answering (or the client gave up). */
  answers: Answer[]
  /** Everything received, as latin1, for the secret check. */
  text: string
  /** Why nothing came back, when nothing did. */
  noAnswer?: string
}

const TIMEOUT_MS = 5_000
// A raw request the server cannot finish reading (a body shorter than its length) is answered by
// nobody; waiting longer would only slow the suite.
const RAW_TIMEOUT_MS = 1_000

function decode(body: Buffer, encoding: string | undefined): Buffer {
  try {
    if (encoding === 'gzip') return gunzipSync(body)
    if (encoding === 'br') return brotliDecompressSync(body)
    if (encoding === 'deflate') return inflateSync(body)
  } catch {
    // an undecodable body is checked as it is
  }
  return body
}

function viaHttp(origin: URL, req: HttpRequest, agent: import('node:http').Agent): Promise<Outcome> {
  return new Promise((resolve) => {
    const outgoing = request(
      {
        host: origin.hostname,
        port: origin.port,
        method: req.method,
        path: req.path,
        headers: req.headers,
        agent,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const raw = Buffer.concat(chunks)
          const headers: Record<string, string> = {}
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
          }
          resolve({
            answers: [
              { status: res.statusCode ?? 0, headers, body: decode(raw, headers['content-encoding']) },
            ],
            text: `${JSON.stringify(res.rawHeaders)}\n${raw.toString('latin1')}`,
          })
        })
        res.on('error', (error) => resolve({ answers: [], text: '', noAnswer: error.message }))
      },
    )
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')))
    outgoing.on('error', (error) => resolve({ answers: [], text: '', noAnswer: error.message }))
    outgoing.end(req.body)
  })
}

/** Status lines and headers of every response in a raw byte stream. */
export function parseRaw(text: string): Answer[] {
  const answers: Answer[] = []
  const statusLine = /(?<=^|\r\n)HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n((?:[^\r\n]+\r\n)*)\r\n/g
  for (const match of text.matchAll(statusLine)) {
    const headers: Record<string, string> = {}
    for (const line of (match[2] ?? '').split('\r\n')) {
      const colon = line.indexOf(':')
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    answers.push({ status: Number(match[1]), headers })
  }
  return answers
}

function viaSocket(origin: URL, req: RawRequest): Promise<Outcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = connect({ host: origin.hostname, port: Number(origin.port) })
    const finish = (noAnswer?: string) => {
      socket.destroy()
      const text = Buffer.concat(chunks).toString('latin1')
      const answers = parseRaw(text)
      resolve({
        answers,
        text,
        ...(answers.length === 0 ? { noAnswer: noAnswer ?? 'closed without an answer' } : {}),
      })
    }
    socket.setTimeout(RAW_TIMEOUT_MS, () => finish('timeout'))
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('end', () => finish())
    socket.on('error', (error) => finish(error.message))
    socket.write(Buffer.from(req.bytes, 'latin1'))
  })
}

export const send = (origin: URL, req: HostileRequest, agent: import('node:http').Agent): Promise<Outcome> =>
  req.kind === 'http' ? viaHttp(origin, req, agent) : viaSocket(origin, req)
