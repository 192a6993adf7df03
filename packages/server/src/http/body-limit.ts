/**
 * A body size limit that costs nothing when the request declares its length (every browser does):
 * a `Content-Length` over the limit is refused at once, one within it passes untouched, and the
 * handler reads the body through the Node adapter's fast path. Only a body without a length
 * (chunked) goes through `hono/body-limit`, which counts it as it streams — at the price of the
 * full web `Request` it needs, which the common case is spared.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit as streamedBodyLimit } from 'hono/body-limit'
import { requestHeader } from './request-header.ts'

export interface BodyLimitOptions {
  maxSize: number
  onError: (c: Context) => Response | Promise<Response>
}

export const bodyLimit = ({ maxSize, onError }: BodyLimitOptions): MiddlewareHandler => {
  const streamed = streamedBodyLimit({ maxSize, onError })
  return async function bodyLimit(c, next) {
    const declared = requestHeader(c, 'content-length')
    if (declared === undefined || requestHeader(c, 'transfer-encoding') !== undefined)
      return streamed(c, next)
    // Node's parser has checked the header is a number and will deliver exactly that many bytes.
    if (Number(declared) > maxSize) return onError(c)
    await next()
  }
}
