/**
 * `GET|POST /api/callback`: where the PSP sends the buyer's browser after the card page. The
 * request is only a hint (anyone can open this URL); the order changes only on what `/check`
 * says, through {@link judge}. The buyer then goes back to the order's return URL, or sees a
 * result page of ours.
 */
import { isClientRrn, RETURN_PARAMS, type ReturnStatus } from '@portmanat-checkout/shared'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import * as v from 'valibot'
import type { Services } from '../deps.ts'
import { moveOrder } from '../ledger.ts'
import { stringsFor } from '../pages/i18n.ts'
import { sendPage } from '../pages/layout.ts'
import { messagePage } from '../pages/message-page.ts'
import type { Order } from '../store/types.ts'
import { applyVerdict, judge, nextCheckAt, returnStatus } from '../verify.ts'

/** PSP references seen in the wild hold `]`, `+`, `/`, `=`: any printable ASCII but space. */
export const PSP_RRN_PATTERN = /^[\x21-\x7e]{1,128}$/

const CallbackParams = v.object({
  psp_rrn: v.pipe(v.string(), v.regex(PSP_RRN_PATTERN)),
  client_rrn: v.pipe(
    v.string(),
    v.check((value) => isClientRrn(value)),
  ),
})

async function readParams(c: Context): Promise<Record<string, string>> {
  // The first value of each name wins, query before body; a Map, since names come from outside.
  const params = new Map<string, string>()
  for (const [key, value] of new URL(c.req.url).searchParams) if (!params.has(key)) params.set(key, value)
  const type = c.req.header('content-type') ?? ''
  if (c.req.method === 'POST' && /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    try {
      const form = await c.req.parseBody()
      for (const [key, value] of Object.entries(form)) {
        if (typeof value === 'string' && !params.has(key)) params.set(key, value)
      }
    } catch {
      // An unreadable form is the same as a missing one: the parameters fail validation below.
    }
  }
  return { psp_rrn: params.get('psp_rrn') ?? '', client_rrn: params.get('client_rrn') ?? '' }
}

/** The return URL with our parameters added; its own query and fragment are kept. */
export function returnTo(url: string, status: ReturnStatus, clientRrn: string): string {
  const target = new URL(url)
  target.searchParams.set(RETURN_PARAMS.status, status)
  target.searchParams.set(RETURN_PARAMS.clientRrn, clientRrn)
  return target.toString()
}

export function callbackRoutes(s: Services): Hono {
  const { config, store, psp, clock, logger } = s
  const app = new Hono()

  async function finish(c: Context, order: Order, status: ReturnStatus, unconfirmed = false) {
    if (order.return_url) return c.redirect(returnTo(order.return_url, status, order.client_rrn), 303)
    const strings = stringsFor(order.locale, c.req.header('accept-language'))
    const [title, text] = unconfirmed
      ? [strings.unconfirmedTitle, strings.unconfirmedText]
      : status === 'paid'
        ? [strings.paidTitle, strings.paidText]
        : status === 'pending'
          ? [strings.pendingTitle, strings.pendingText]
          : [strings.failedTitle, strings.failedText]
    return sendPage(
      c,
      config.pspUrl,
      messagePage({ strings, tone: unconfirmed ? 'failed' : status, title, text, order }),
    )
  }

  /** A page about the request itself, in the buyer's language; no order is involved. */
  function notice(c: Context, what: 'badRequest' | 'unknownOrder', status: 400 | 404) {
    const strings = stringsFor(null, c.req.header('accept-language'))
    const page = messagePage({
      strings,
      tone: 'neutral',
      title: strings[`${what}Title`],
      text: strings[`${what}Text`],
    })
    return sendPage(c, config.pspUrl, page, status)
  }

  app.on(
    ['GET', 'POST'],
    '/api/callback',
    bodyLimit({ maxSize: 8 * 1024, onError: (c) => c.text('Payload Too Large', 413) }),
  )
  app.on(['GET', 'POST'], '/api/callback', async (c) => {
    const parsed = v.safeParse(CallbackParams, await readParams(c))
    if (!parsed.success) {
      logger.info({ event: 'callback.invalid' }, 'callback without valid psp_rrn and client_rrn')
      return notice(c, 'badRequest', 400)
    }
    const { psp_rrn, client_rrn } = parsed.output
    const order = await store.getOrder(client_rrn)
    if (!order) {
      logger.info({ event: 'callback.unknown_order', client_rrn }, 'callback for an unknown order')
      return notice(c, 'unknownOrder', 404)
    }
    // Paid is final: a repeated callback needs no question to the PSP.
    if (order.status === 'paid') return finish(c, order, 'paid')

    const result = await psp.check(psp_rrn)
    const now = clock()
    const verdict = judge(order, psp_rrn, result, config.mode === 'live', now)
    logger.info(
      { event: 'callback.checked', client_rrn, psp_rrn, result: result.kind, verdict: verdict.kind },
      'callback checked with the PSP',
    )
    if (verdict.kind === 'foreign_hint') {
      logger.warn(
        { event: 'security.mismatch', client_rrn, detail: verdict.detail, why: verdict.why },
        '/check answer does not match the order',
      )
      return finish(c, order, returnStatus(order))
    }
    if (verdict.kind === 'bad_hint') {
      logger.warn(
        { event: 'security.bad_hint', client_rrn, psp_rrn, why: verdict.why },
        'the PSP does not know this psp_rrn',
      )
      return finish(c, order, 'failed', true)
    }
    if (verdict.kind === 'unknown') {
      logger.warn(
        { event: 'callback.check_unavailable', client_rrn, why: verdict.why },
        '/check unavailable; result will follow',
      )
      // Keep the first reference we were given so the follow-up job can ask about it later.
      if (order.status === 'created' && !order.psp_rrn) {
        await moveOrder(s, order, {
          from: ['created'],
          to: 'created',
          psp_rrn,
          check_attempts: 0,
          next_check_at: nextCheckAt(now, 0),
          detail: { action: 'callback_hint' },
        })
      }
      return finish(c, order, 'pending')
    }
    const after = await applyVerdict(s, order, verdict)
    return finish(c, after, returnStatus(after))
  })

  return app
}
