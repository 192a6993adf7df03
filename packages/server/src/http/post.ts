/**
 * The server's outgoing POSTs (the PSP's `/check`, webhooks) on `node:http`/`node:https` with
 * kept-alive connections.
 *
 * Not `fetch`: on Node 20 the first `fetch` loads undici, which, measured on this server's
 * callback path, added some 25 MB of resident memory and a few hundred microseconds of CPU to
 * every `/check` (web streams, `Headers`, `AbortSignal` plumbing) against a plain request.
 */
import http from 'node:http'
import https from 'node:https'

/** The status and the whole body of an answer. */
export interface PostAnswer {
  status: number
  text: string
}

export interface PostRequest {
  headers: Record<string, string>
  body: string
  signal: AbortSignal
}

/** Sends one POST; rejects on network errors, on `signal`, or on an answer larger than it reads. */
export type Post = (url: string, request: PostRequest) => Promise<PostAnswer>

export interface HttpPostOptions {
  /** Largest answer read, in bytes; a `/check` answer is a few hundred. @default 65536 */
  maxBytes?: number
  /**
   * `discard`: answer with the status as soon as it is in (`text` is empty) and drain at most
   * `maxBytes` of the body before closing the connection (a webhook receiver's body means nothing).
   * @default 'read'
   */
  body?: 'read' | 'discard'
  /** Certificate authorities an https PSP is checked against instead of Node's own (a private CA in tests). */
  ca?: string | Buffer
}

/** Codes of a connection the server closed while it sat idle in our pool. */
const STALE = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED'])

/**
 * A {@link Post} with its own agents (kept-alive connections, idle ones not holding the process
 * open). A request on a reused connection that the server had already closed is sent once more on
 * another, as Node's documentation advises (`request.reusedSocket`).
 */
export function httpPost({ maxBytes = 65_536, ca, body: keep = 'read' }: HttpPostOptions = {}): Post {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16, ...(ca ? { ca } : {}) }),
  }

  function send(target: URL, { headers, body, signal }: PostRequest): Promise<PostAnswer & { stale?: true }> {
    const protocol = target.protocol === 'https:' ? 'https:' : 'http:'
    const request = protocol === 'https:' ? https.request : http.request
    return new Promise((resolve, reject) => {
      let answered = false
      const req = request(
        target,
        {
          method: 'POST',
          agent: agents[protocol],
          signal,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          answered = true
          const status = res.statusCode ?? 0
          if (keep === 'discard') {
            let drained = 0
            res.on('data', (chunk: Buffer) => {
              drained += chunk.length
              if (drained > maxBytes) res.destroy()
            })
            res.on('error', () => {})
            resolve({ status, text: '' })
            return
          }
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > maxBytes) {
              res.destroy()
              reject(new Error(`answer larger than ${maxBytes} bytes`))
              return
            }
            chunks.push(chunk)
          })
          res.on('end', () => resolve({ status, text: Buffer.concat(chunks).toString('utf8') }))
          res.on('error', reject)
          res.on('close', () => {
            if (!res.complete) reject(new Error('the answer was cut off'))
          })
        },
      )
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (!answered && req.reusedSocket && error.code && STALE.has(error.code)) {
          resolve({ status: 0, text: '', stale: true })
          return
        }
        reject(error)
      })
      req.end(body)
    })
  }

  return async (url, request) => {
    const target = new URL(url)
    // Each stale connection fails at once and leaves the pool; a few tries reach a fresh one.
    for (let tries = 0; tries < 4; tries++) {
      const answer = await send(target, request)
      if (!answer.stale) return answer
    }
    throw new Error('the server closed every connection before answering')
  }
}

/** What a `fetch` takes and gives, as far as a {@link Post} needs (the in-process sandbox, tests). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/** A {@link Post} over a `fetch`-like function (redirects refused, as `httpPost` never follows them). */
export function postViaFetch(
  fetchImpl: FetchLike,
  { body: keep = 'read' }: Pick<HttpPostOptions, 'body'> = {},
): Post {
  return async (url, { headers, body, signal }) => {
    const response = await fetchImpl(url, { method: 'POST', headers, body, signal, redirect: 'error' })
    if (keep === 'read') return { status: response.status, text: await response.text() }
    await response.body?.cancel().catch(() => undefined)
    return { status: response.status, text: '' }
  }
}

/**
 * Rejects with the signal's reason once it aborts, for racing a send that may ignore the signal
 * (an in-process app). Handled already: the signal may abort after the race is won.
 */
export function abortedBy(signal: AbortSignal): Promise<never> {
  const rejected = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
  rejected.catch(() => {})
  return rejected
}
