import type { Context } from 'hono'
import { ApiError } from './errors.ts'
import { requestHeader } from './request-header.ts'

/**
 * Reads a JSON request body. Anything but `application/json` is refused with 415: forms and
 * `text/plain` can be sent cross-site without a CORS preflight, JSON cannot.
 */
export async function readJson(c: Context): Promise<unknown> {
  const type = (requestHeader(c, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json')
  }
  const text = await c.req.text()
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON')
  }
}
