/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * @module dashboard
 * `/dashboard`: the operator's orders, one order with its history, attempts and deliveries,
 * Recheck and Resend, dead deliveries, payment links and the CSV export. Server-rendered, usable
 * without JavaScript, behind `DASHBOARD_PASSWORD` (not mounted at all without it: 404).
 */
import { isClientRrn, matchLocale } from '@portmanat-checkout/shared'
import { type Context, Hono } from 'hono'
import * as v from 'valibot'
import type { Services } from '../deps.ts'
import { bodyLimit } from '../http/body-limit.ts'
import { ApiError } from '../http/errors.ts'
import { formFields } from '../http/form-fields.ts'
import { sendDocument } from '../pages/document.tsx'
import { createMerchantOrder, MerchantOrderInput, payUrl } from '../payments/create-order.ts'
import { recheckOrder } from '../payments/recheck-order.ts'
import type { Secret } from '../secret.ts'
import type { Order } from '../store/types.ts'
import { authRoutes, type LoginLimit, logoutRoute, requireCsrf, requireSession } from './auth.tsx'
import { bakuDay, currentPeriods, isoDay } from './baku-time.ts'
import { type DashboardEnv, dashboardOf, rememberLocale, viewOf } from './context.ts'
import { csvStream } from './csv.ts'
import { DeadPage } from './dead-page.tsx'
import { decodeCursor, encodeCursor, readListQuery } from './filters.ts'
import type { DashboardStrings } from './i18n.ts'
import { type LinkField, LinkPage } from './link-page.tsx'
import { OrderPage, type OrderPageProps } from './order-page.tsx'
import { OrdersPage } from './orders-page.tsx'

/** Orders on one page of the list. */
const PAGE_SIZE = 50

const MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/
const MESSAGE_INSTANT = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/

/** The line an order's page shows after an action, by the `done=` its redirect carries. */
const FLASHES = new Map<
  string,
  (s: DashboardStrings, order: Order, asked: number) => OrderPageProps['flash']
>([
  ['link', (s) => ({ text: s.payLinkCreated, tone: 'ok' })],
  ['resent', (s) => ({ text: s.resent, tone: 'ok' })],
  [
    'rechecked',
    (s, order, asked) =>
      Number.isInteger(asked) && asked > 0
        ? { text: s.rechecked(asked, s.statuses[order.status]), tone: 'ok' }
        : null,
  ],
  ['nothing', (s) => ({ text: s.nothingToRecheck, tone: 'warn' })],
  ['recheck_failed', (s) => ({ text: s.recheckFailed, tone: 'warn' })],
])

export interface DashboardOptions {
  login?: LoginLimit
}

export function dashboardRoutes(
  s: Services,
  password: Secret,
  options: DashboardOptions = {},
): Hono<DashboardEnv> {
  const { config, store, clock, logger } = s
  const d = dashboardOf(s, password)
  const app = new Hono<DashboardEnv>()

  app.use('*', async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
    c.header('X-Robots-Tag', 'noindex, nofollow')
  })
  app.use('*', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('the form is too large', 413) }))
  // The language switcher: remember the choice, then show the same page without `lang=`.
  app.use('*', async (c, next) => {
    const lang = c.req.query('lang')
    if (lang === undefined || c.req.method !== 'GET') return next()
    const locale = matchLocale(lang)
    if (locale) rememberLocale(c, d, locale)
    const url = new URL(c.req.url)
    url.searchParams.delete('lang')
    return c.redirect(`${url.pathname}${url.search}`, 303)
  })

  authRoutes(app, d, options.login)
  app.use('*', requireSession(d))
  app.use('*', requireCsrf(d))
  logoutRoute(app, d)

  const render = (c: Context, page: Parameters<typeof sendDocument>[2], status: 200 | 400 | 404 = 200) =>
    sendDocument(c, config.pspUrl, page, status)
  const view = (c: Context<DashboardEnv>) => viewOf(c, d, c.get('session'))

  app.get('/', async (c) => {
    const query = readListQuery((name) => c.req.query(name))
    const periods = currentPeriods(clock())
    // Totals count real money: live orders, unless the server itself runs the sandbox.
    const livemode = config.mode === 'live'
    const [page, today, week, month, dead] = await Promise.all([
      store.listOrders(query.filter, {
        limit: PAGE_SIZE,
        ...(query.after ? { after: query.after } : {}),
        ...(query.before ? { before: query.before } : {}),
      }),
      store.paidTotals({ ...periods.today, livemode }),
      store.paidTotals({ ...periods.week, livemode }),
      store.paidTotals({ ...periods.month, livemode }),
      store.countMessages('dead'),
    ])
    return render(
      c,
      <OrdersPage
        view={view(c)}
        totals={{ today, week, month }}
        periods={periods}
        dead={dead}
        query={query}
        page={page}
      />,
    )
  })

  app.get('/orders.csv', (c) => {
    const { filter } = readListQuery((name) => c.req.query(name))
    logger.info({ event: 'dashboard.export', filter }, 'orders exported as CSV')
    return c.body(csvStream(store.exportOrders(filter)), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="orders-${isoDay(bakuDay(clock()))}.csv"`,
      'X-Content-Type-Options': 'nosniff',
    })
  })

  const notFound = (c: Context) => c.notFound()

  app.get('/orders/:client_rrn', async (c) => {
    const rrn = c.req.param('client_rrn')
    const order = isClientRrn(rrn) ? await store.getOrder(rrn) : undefined
    if (!order) return notFound(c)
    const [events, attempts, messages] = await Promise.all([
      store.events(rrn),
      store.attempts(rrn),
      store.messages(rrn),
    ])
    const withDeliveries = await Promise.all(
      messages.map(async (message) => ({ message, deliveries: await store.deliveries(message.id) })),
    )
    const page = view(c)
    const asked = Number(c.req.query('asked') ?? 0)
    const flash = FLASHES.get(c.req.query('done') ?? '')?.(page.s, order, asked) ?? null
    return render(
      c,
      <OrderPage
        view={page}
        order={order}
        events={events}
        attempts={attempts}
        messages={withDeliveries}
        payUrl={order.order_token && order.status === 'created' ? payUrl(config, order.order_token) : null}
        flash={flash}
      />,
    )
  })

  app.post('/orders/:client_rrn/recheck', async (c) => {
    const rrn = c.req.param('client_rrn')
    const order = isClientRrn(rrn) ? await store.getOrder(rrn) : undefined
    if (!order) return notFound(c)
    const back = `/dashboard/orders/${rrn}`
    try {
      const result = await recheckOrder(s, order)
      return c.redirect(
        result.asked.length > 0
          ? `${back}?done=rechecked&asked=${result.asked.length}#attempts`
          : `${back}?done=nothing#attempts`,
        303,
      )
    } catch (error) {
      logger.error({ event: 'dashboard.recheck_failed', client_rrn: rrn, err: error }, 'recheck failed')
      return c.redirect(`${back}?done=recheck_failed#attempts`, 303)
    }
  })

  app.post('/orders/:client_rrn/messages/:id/resend', async (c) => {
    const rrn = c.req.param('client_rrn')
    const id = c.req.param('id')
    const message = MESSAGE_ID.test(id) ? await store.getMessage(id) : undefined
    if (!message || message.client_rrn !== rrn) return notFound(c)
    await store.requeueMessage(id, clock())
    s.wakeOutbox()
    logger.info(
      { event: 'dashboard.resend', message_id: id, client_rrn: rrn, channel: message.channel },
      'delivery queued again',
    )
    const body = await formFields(c)
    return c.redirect(
      body.back === 'dead'
        ? '/dashboard/deliveries?done=resent'
        : `/dashboard/orders/${rrn}?done=resent#deliveries`,
      303,
    )
  })

  app.get('/deliveries', async (c) => {
    const cursor = decodeCursor(
      c.req.query('before'),
      ({ created_at, key }) => MESSAGE_INSTANT.test(created_at) && MESSAGE_ID.test(key),
    )
    const before = cursor ? { created_at: cursor.created_at, id: cursor.key } : undefined
    const rows = await store.listMessages({
      status: 'dead',
      limit: PAGE_SIZE + 1,
      ...(before ? { before } : {}),
    })
    const messages = rows.slice(0, PAGE_SIZE)
    const last = messages.at(-1)
    const older =
      rows.length > PAGE_SIZE && last ? encodeCursor({ created_at: last.created_at, key: last.id }) : null
    const page = view(c)
    return render(
      c,
      <DeadPage
        view={page}
        messages={messages}
        older={older}
        flash={c.req.query('done') === 'resent' ? page.s.resent : null}
      />,
    )
  })

  app.get('/links/new', (c) => render(c, <LinkPage view={view(c)} values={{}} errors={[]} />))

  app.post('/links', async (c) => {
    const body = await formFields(c)
    const text = (name: LinkField) => (typeof body[name] === 'string' ? (body[name] as string) : '')
    const values = {
      amount: text('amount').trim(),
      title: text('title'),
      description: text('description'),
      reference: text('reference').trim(),
    }
    const input = {
      // Operators in Baku type a decimal comma as often as a dot.
      amount: values.amount.replace(',', '.'),
      title: values.title,
      ...(values.description.trim() ? { description: values.description } : {}),
      ...(values.reference ? { reference: values.reference } : {}),
    }
    const parsed = v.safeParse(MerchantOrderInput, input)
    if (!parsed.success) {
      const fields = new Set(parsed.issues.map((issue) => String(issue.path?.[0]?.key ?? '')))
      const errors = (['amount', 'title', 'description', 'reference'] as const).filter((field) =>
        fields.has(field),
      )
      return render(
        c,
        <LinkPage view={view(c)} values={values} errors={errors.length > 0 ? errors : ['amount']} />,
        400,
      )
    }
    try {
      const { order } = await createMerchantOrder(s, parsed.output, { via: 'dashboard', resultPage: true })
      return c.redirect(`/dashboard/orders/${order.client_rrn}?done=link`, 303)
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        return render(c, <LinkPage view={view(c)} values={values} errors={['amount']} />, 400)
      }
      throw error
    }
  })

  return app
}
