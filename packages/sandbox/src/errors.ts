/**
 * The last line of defence: clean pages or JSON for unknown addresses, wrong methods, bodies
 * over the limit and anything unexpected — never a stack trace. A dropped-connection fault is
 * the one error let through, so that `app.request()` rejects like a network failure.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { sendPage, viewFor } from './deps.ts'
import { ConnectionDropped } from './faults.ts'
import { messagePage } from './views/pages.ts'

/** Largest request body the sandbox reads (a `/process` form is well under 1 KB). */
export const BODY_LIMIT_BYTES = 64 * 1024

/** JSON endpoints answer errors in JSON; the buyer's pages in HTML. */
const isJsonPath = (c: Context, base: string) => {
  const path = c.req.path.startsWith(base) ? c.req.path.slice(base.length) : c.req.path
  return path === '/check' || path.startsWith('/_sandbox/') || path === '/_sandbox'
}

export function tooLarge(base: string) {
  return (c: Context) => {
    if (isJsonPath(c, base))
      return c.json(
        { error: { code: 'payload_too_large', message: `the body is over ${BODY_LIMIT_BYTES} bytes` } },
        413,
      )
    const view = viewFor(c, base)
    return sendPage(c, messagePage(view, view.t.tooLarge, view.t.tooLarge), 413)
  }
}

export function notFound(base: string): NotFoundHandler {
  return (c) => {
    if (isJsonPath(c, base)) return c.json({ error: { code: 'not_found', message: 'no such endpoint' } }, 404)
    const view = viewFor(c, base)
    return sendPage(c, messagePage(view, view.t.notFoundTitle, view.t.notFoundText), 404)
  }
}

/** A route that exists for another method: 405 with `Allow`. */
export function methodNotAllowed(base: string, allow: string) {
  return (c: Context) => {
    c.header('Allow', allow)
    if (isJsonPath(c, base))
      return c.json({ error: { code: 'method_not_allowed', message: `use ${allow}` } }, 405)
    const view = viewFor(c, base)
    return sendPage(
      c,
      messagePage(view, view.t.methodNotAllowed, `${view.t.methodNotAllowed} (${allow})`),
      405,
    )
  }
}

export function onError(base: string): ErrorHandler {
  return (error, c) => {
    if (error instanceof ConnectionDropped) throw error
    const status = error instanceof HTTPException && error.status < 500 ? error.status : 500
    if (isJsonPath(c, base)) {
      return c.json(
        {
          error: {
            code: status === 500 ? 'internal' : 'bad_request',
            message: 'the sandbox could not handle this request',
          },
        },
        status,
      )
    }
    const view = viewFor(c, base)
    return sendPage(
      c,
      messagePage(view, view.t.serverErrorTitle, view.t.serverErrorText),
      status === 500 ? 500 : 400,
    )
  }
}
