/**
 * The Hono app: every route, the middleware in front of them, and the error and not-found
 * handlers. Built by a factory so tests drive it with `app.request()` and inject every dependency.
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { methodNotAllowed } from 'hono/method-not-allowed'
import type { Config } from './config.ts'
import { dashboardRoutes } from './dashboard/routes.tsx'
import { type AppDeps, resolveServices, type Services } from './deps.ts'
import { ApiError, errorBody, sendError } from './http/errors.ts'
import { requestId } from './http/request-id.ts'
import { requestLog } from './http/request-log.ts'
import { securityHeaders } from './http/security-headers.ts'
import { stringsFor } from './pages/i18n.ts'
import { sendPage } from './pages/layout.ts'
import { messagePage } from './pages/message-page.ts'
import { createRecheck } from './payments/recheck.ts'
import { callbackRoutes } from './routes/callback.ts'
import { checkoutRoutes } from './routes/checkout.ts'
import { healthRoutes } from './routes/health.ts'
import { itemRoutes } from './routes/items.ts'
import { orderRoutes } from './routes/orders.ts'
import { pageRoutes } from './routes/pages.ts'
import { payRoutes } from './routes/pay.tsx'
import { paymentRoutes } from './routes/payments.ts'
import { widgetRoutes } from './routes/widget-assets.ts'
import { StoreBusyError } from './store/index.ts'
import { builtWidget } from './widget-source.ts'

/** Methods undici will not put in a `Request` (the sandbox mount needs one). */
const UNDICI_FORBIDDEN = new Set(['CONNECT', 'TRACE', 'TRACK'])

// Browser paths answer errors with a page; the JSON API with JSON.
const isApi = (path: string) => path.startsWith('/api/') && path !== '/api/callback'

function notFoundPage(s: Services, c: Parameters<typeof sendPage>[0]) {
  const strings = stringsFor(null, c.req.header('accept-language'))
  return sendPage(
    c,
    s.config.pspUrl,
    messagePage({ strings, tone: 'neutral', title: strings.notFoundTitle, text: strings.notFoundText }),
    404,
  )
}

/**
 * Builds the signing server.
 *
 * @example
 * const app = createApp(loadConfig(), { store, psp: createPspClient({ baseUrl: config.pspUrl }) })
 * serve({ fetch: app.fetch, port: config.port })
 */
export function createApp(config: Config, deps: AppDeps | (Services & Pick<AppDeps, 'widget' | 'sandbox'>)) {
  const s = resolveServices(config, deps)
  const app = new Hono()

  // The widget's files first, outside the middleware below (see widget-assets.ts).
  app.route('/', widgetRoutes(s, deps.widget ?? builtWidget()))
  app.use(requestLog(s.logger))
  app.use(securityHeaders({ https: config.publicUrl.startsWith('https:') }))
  app.use(requestId(s.random))
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        c.json(errorBody('method_not_allowed', `use ${methods.join(', ')}`), 405, {
          Allow: methods.join(', '),
        }),
    }),
  )

  app.route('/', healthRoutes(s))
  app.route('/', pageRoutes(s))
  app.route('/', itemRoutes(s))
  app.route('/', checkoutRoutes(s))
  app.route('/', callbackRoutes(s))
  // One recheck for the widget's poll and the hosted result page: its pacing is per order.
  const recheck = createRecheck(s)
  app.route('/', paymentRoutes(s, recheck))
  app.route('/', payRoutes(s, recheck))
  if (config.merchantApiKey) app.route('/', orderRoutes(s, config.merchantApiKey))
  if (config.dashboardPassword) app.route('/dashboard', dashboardRoutes(s, config.dashboardPassword))
  if (deps.sandbox) {
    const sandbox = deps.sandbox.app
    // Mounting builds a web Request, which undici refuses for these methods: a 500 otherwise.
    app.use('/sandbox/*', async (c, next) => {
      if (!UNDICI_FORBIDDEN.has(c.req.method)) return next()
      return c.json(errorBody('method_not_allowed', 'use GET, HEAD or POST'), 405, {
        Allow: 'GET, HEAD, POST',
      })
    })
    // Pass the Node bindings through: the sandbox's drop and hang faults need the socket.
    app.mount('/sandbox', (request, env) => sandbox.fetch(request, env))
  }

  app.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error)
    if (error instanceof StoreBusyError) {
      s.logger.warn({ event: 'store.busy', request_id: c.get('requestId'), path: c.req.path }, error.message)
      return c.json(errorBody('unavailable', 'the ledger is busy; try again in a moment'), 503, {
        'Retry-After': '2',
      })
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody('invalid_request', error.message || 'bad request'), error.status)
    }
    s.logger.error(
      { event: 'http.error', request_id: c.get('requestId'), path: c.req.path, err: error },
      'unhandled error',
    )
    return c.json(
      errorBody('internal_error', 'something went wrong on our side; the order, if any, is safe'),
      500,
    )
  })
  app.notFound((c) =>
    isApi(c.req.path) ? c.json(errorBody('not_found', 'no such endpoint'), 404) : notFoundPage(s, c),
  )

  return app
}

/** The app's type, for `hono/client`. */
export type AppType = ReturnType<typeof createApp>
