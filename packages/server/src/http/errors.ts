/**
 * API errors: one shape, `{"error": {"code", "message", "fields"?}}`, thrown anywhere in a
 * handler as {@link ApiError} and rendered by the app's error handler.
 */
import type { ErrorCode } from '@portmanat-checkout/shared'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Our codes: the shared ones plus `order_closed` (checkout of an order that is no longer open). */
export type ServerErrorCode = ErrorCode | 'order_closed'

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ServerErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly headers?: Record<string, string>,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The JSON body of an error. */
export const errorBody = (code: ServerErrorCode, message: string, fields?: Record<string, string[]>) => ({
  error: { code, message, ...(fields ? { fields } : {}) },
})

/** Renders an error as JSON on the context. */
export function sendError(c: Context, error: ApiError): Response {
  return c.json(errorBody(error.code, error.message, error.fields), error.status, error.headers)
}
