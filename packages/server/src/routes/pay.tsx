/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The hosted payment page — `GET /pay/:item` (a catalog item) and `GET /pay/o/:order_token` (the
 * `pay_url` of a merchant order) — and the way through it without JavaScript: Pay posts a form
 * (signed token, same-origin check, rate limit); the server creates the order with the same rules
 * as `/api/checkout` (`payments/create-order.ts`) and answers with the signed form to the PSP,
 * which a script file sends at once and a button sends otherwise; the buyer comes back to
 * `GET /pay/r/:client_rrn`, which says paid, failed or pending (and then refreshes itself).
 */
import { createHash } from 'node:crypto'
import { isClientRrn, type Locale, matchLocale } from '@portmanat-checkout/shared'
import { type Context, Hono } from 'hono'
import type { Child } from 'hono/jsx'
import { rateLimiter } from 'hono-rate-limiter'
import { ITEM_ID_PATTERN, textIn } from '../catalog.ts'
import { checkoutResponse } from '../checkout-response.ts'
import type { Services } from '../deps.ts'
import { bodyLimit } from '../http/body-limit.ts'
import { clientIp } from '../http/client-ip.ts'
import { ApiError } from '../http/errors.ts'
import { formFields } from '../http/form-fields.ts'
import { ownOrigins } from '../http/origins.ts'
import { foreignRequest } from '../http/same-origin.ts'
import { sendDocument } from '../pages/document.tsx'
import { localeFromHeader } from '../pages/i18n.ts'
import { checkPayForm, issuePayForm, type PayTarget, payFormKey } from '../pay/form-token.ts'
import { PAY_STRINGS } from '../pay/i18n.ts'
import {
  PAY_SCRIPT_PATH,
  PayMessage,
  PayPage,
  RedirectPage,
  type ResultKind,
  ResultPage,
} from '../pay/pages.tsx'
import { createCatalogOrder, openMerchantOrder, payResultUrl } from '../payments/create-order.ts'
import type { Recheck } from '../payments/recheck.ts'
import type { Order } from '../store/types.ts'

/** Sends the PSP form as soon as the page has it; the page's button does the same without scripts. */
const PAY_SCRIPT = "document.getElementById('psp-form')?.submit()\n"
const PAY_SCRIPT_ETAG = `"${createHash('sha256').update(PAY_SCRIPT).digest('base64url')}"`

const ORDER_TOKEN = /^[A-Za-z0-9_-]{22,128}$/
const PAY_BODY_LIMIT = 4 * 1024

export function payRoutes(s: Services, recheck: Recheck): Hono {
  const { config, store, logger } = s
  const app = new Hono()
  const key = payFormKey(config.secretKey)
  const origins = ownOrigins(config.publicUrl)
  const sandbox = config.mode === 'sandbox'
  const ipOf = (c: Context) => clientIp(c, s.remoteAddress, config.trustProxy)

  /** `?lang=` (the page's switcher), else the form's or the order's language, else the browser's. */
  const langOf = (c: Context, preferred?: string | null): Locale =>
    matchLocale(c.req.query('lang')) ??
    matchLocale(preferred) ??
    localeFromHeader(c.req.header('accept-language')) ??
    'az'
  const render = (c: Context, page: Child, status: 200 | 400 | 403 | 404 | 413 | 429 = 200) =>
    sendDocument(c, config.pspUrl, page, status)
  const message = (
    c: Context,
    lang: Locale,
    status: 400 | 403 | 404 | 413 | 429,
    title: string,
    text: string,
    link?: { href: string; label: string },
  ) =>
    render(
      c,
      <PayMessage lang={lang} sandbox={sandbox} title={title} text={text} link={link ?? null} />,
      status,
    )

  app.get(PAY_SCRIPT_PATH, (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    c.header('ETag', PAY_SCRIPT_ETAG)
    if (c.req.header('if-none-match') === PAY_SCRIPT_ETAG) return c.body(null, 304)
    c.header('Content-Type', 'text/javascript; charset=utf-8')
    return c.body(PAY_SCRIPT)
  })

  if (config.rateLimit !== null) {
    app.post(
      '/pay/*',
      rateLimiter({
        windowMs: 60_000,
        limit: config.rateLimit,
        standardHeaders: 'draft-6',
        keyGenerator: (c) => ipOf(c) ?? 'unknown',
        handler: (c) => {
          const ps = PAY_STRINGS[langOf(c)]
          c.header('Retry-After', '60')
          return message(c, langOf(c), 429, ps.tooManyTitle, ps.tooManyText)
        },
      }),
    )
  }
  app.post(
    '/pay/*',
    bodyLimit({
      maxSize: PAY_BODY_LIMIT,
      onError: (c) => {
        const ps = PAY_STRINGS[langOf(c)]
        return message(c, langOf(c), 413, ps.unavailableTitle, ps.formRefused)
      },
    }),
  )

  function payPage(
    c: Context,
    target: PayTarget,
    shown: Pick<Order, 'title' | 'description' | 'qepik'>,
    lang: Locale,
    notice: string | null = null,
  ) {
    const path = 'item' in target ? `/pay/${target.item}` : `/pay/o/${target.orderToken}`
    return render(
      c,
      <PayPage
        lang={lang}
        sandbox={sandbox}
        path={path}
        title={shown.title}
        description={shown.description}
        qepik={shown.qepik}
        formToken={issuePayForm(key, target, s.random, s.clock())}
        notice={notice}
      />,
      notice ? 400 : 200,
    )
  }

  function redirectPage(c: Context, order: Order, lang: Locale, ip: string | undefined) {
    const response = checkoutResponse(config, order, ip ?? order.client_ip)
    logger.info(
      { event: 'pay.redirect', client_rrn: order.client_rrn },
      'hosted page: signed form to the PSP',
    )
    return render(
      c,
      <RedirectPage
        lang={lang}
        sandbox={sandbox}
        order={order}
        action={response.redirect.url}
        fields={{ ...response.redirect.fields }}
      />,
    )
  }

  /** The form's own checks: from our page (same origin), signed for this target, not expired. */
  async function readForm(c: Context, target: PayTarget) {
    const body = await formFields(c)
    const lang = langOf(c, typeof body.locale === 'string' ? body.locale : null)
    const foreign = foreignRequest(c, origins)
    const check = checkPayForm(key, target, body.form, s.clock())
    if (foreign || !check.ok) {
      logger.warn(
        { event: 'pay.form_refused', why: foreign ?? (check.ok ? 'ok' : check.why), target },
        'hosted page: form refused',
      )
    }
    return { lang, foreign, check }
  }

  app.get('/pay/o/:token', async (c) => {
    const token = c.req.param('token')
    const order = ORDER_TOKEN.test(token) ? await store.getOrderByToken(token) : undefined
    const lang = langOf(c, order?.locale)
    const ps = PAY_STRINGS[lang]
    if (!order) return message(c, lang, 404, ps.unavailableTitle, ps.unknownLinkText)
    if (order.status !== 'created') return c.redirect(`/pay/r/${order.client_rrn}`, 303)
    return payPage(c, { orderToken: token }, order, lang)
  })

  app.post('/pay/o/:token', async (c) => {
    const token = c.req.param('token')
    const target = { orderToken: token }
    const found = ORDER_TOKEN.test(token) ? await store.getOrderByToken(token) : undefined
    const { lang, foreign, check } = await readForm(c, target)
    const ps = PAY_STRINGS[lang]
    if (!found) return message(c, lang, 404, ps.unavailableTitle, ps.unknownLinkText)
    if (foreign)
      return message(c, lang, 403, ps.unavailableTitle, ps.formRefused, {
        href: `/pay/o/${token}`,
        label: ps.tryAgain,
      })
    if (!check.ok)
      return payPage(c, target, found, lang, check.why === 'expired' ? ps.formExpired : ps.formRefused)
    const ip = ipOf(c)
    try {
      return redirectPage(c, await openMerchantOrder(s, found, ip ?? null), lang, ip)
    } catch (error) {
      if (error instanceof ApiError && error.code === 'order_closed')
        return c.redirect(`/pay/r/${found.client_rrn}`, 303)
      throw error
    }
  })

  app.get('/pay/r/:client_rrn', async (c) => {
    const rrn = c.req.param('client_rrn')
    let order = isClientRrn(rrn) ? await store.getOrder(rrn) : undefined
    const lang = langOf(c, order?.locale)
    if (!order) {
      const ps = PAY_STRINGS[lang]
      return message(c, lang, 404, ps.unavailableTitle, ps.unknownLinkText)
    }
    // A pending payment is asked about again (throttled), so each refresh may bring the answer.
    if (order.status === 'pending') order = await recheck(order)
    const said = c.req.query('portmanat_status')
    const kind: ResultKind =
      order.status === 'paid'
        ? 'paid'
        : order.status === 'pending' || (order.status === 'created' && said === 'pending')
          ? 'pending'
          : order.status === 'created'
            ? 'not_completed'
            : 'failed'
    // The page's own address for its refresh and Check again: the status the PSP's return said,
    // and the language the buyer picked on it, if they did.
    const url = new URL(c.req.url)
    const query = new URLSearchParams()
    if (said) query.set('portmanat_status', said)
    if (url.searchParams.get('lang') === lang) query.set('lang', lang)
    return render(
      c,
      <ResultPage
        lang={lang}
        sandbox={sandbox}
        order={order}
        kind={kind}
        path={`${url.pathname}${query.size > 0 ? `?${query}` : ''}`}
        retry={order.item_id && config.catalog.has(order.item_id) ? `/pay/${order.item_id}` : null}
      />,
    )
  })

  app.get('/pay/:item', (c) => {
    const id = c.req.param('item')
    const item = ITEM_ID_PATTERN.test(id) ? config.catalog.get(id) : undefined
    const lang = langOf(c)
    const ps = PAY_STRINGS[lang]
    if (!item) return message(c, lang, 404, ps.unavailableTitle, ps.unknownItemText)
    return payPage(
      c,
      { item: id },
      {
        title: textIn(item.title, lang),
        description: item.description ? textIn(item.description, lang) : null,
        qepik: item.qepik,
      },
      lang,
    )
  })

  app.post('/pay/:item', async (c) => {
    const id = c.req.param('item')
    const item = ITEM_ID_PATTERN.test(id) ? config.catalog.get(id) : undefined
    const target = { item: id }
    const { lang, foreign, check } = await readForm(c, target)
    const ps = PAY_STRINGS[lang]
    if (!item) return message(c, lang, 404, ps.unavailableTitle, ps.unknownItemText)
    const shown = {
      title: textIn(item.title, lang),
      description: item.description ? textIn(item.description, lang) : null,
      qepik: item.qepik,
    }
    if (foreign)
      return message(c, lang, 403, ps.unavailableTitle, ps.formRefused, {
        href: `/pay/${id}`,
        label: ps.tryAgain,
      })
    if (!check.ok)
      return payPage(c, target, shown, lang, check.why === 'expired' ? ps.formExpired : ps.formRefused)
    const ip = ipOf(c)
    // The form's nonce names the order: a second submit of the same page is the same order.
    const idempotency = {
      key: `pay:${check.nonce}`,
      requestHash: createHash('sha256')
        .update(JSON.stringify(['pay', id, ip ?? null]))
        .digest('hex'),
    }
    try {
      const order = await createCatalogOrder(s, {
        item: id,
        returnUrl: (clientRrn) => payResultUrl(config, clientRrn),
        locale: lang,
        clientIp: ip ?? null,
        idempotency,
      })
      return redirectPage(c, order, lang, ip)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (error.code === 'order_closed') {
        const earlier = await store.getOrderByIdempotencyKey(idempotency.key)
        if (earlier) return c.redirect(`/pay/r/${earlier.client_rrn}`, 303)
      }
      // The same form from another address: this buyer gets a page of their own.
      if (error.code === 'idempotency_conflict') return payPage(c, target, shown, lang, ps.formRefused)
      throw error
    }
  })

  return app
}
