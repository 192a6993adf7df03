/**
 * `GET|POST /api/callback`: where the PSP sends the buyer's browser after the card page. The
 * request is only a hint (anyone can open this URL): its `psp_rrn` is written down as a payment
 * attempt of the order *before* `/check` is asked (so neither a crash nor a made-up reference
 * hides the real one), and the order changes only on what `/check` says about its own payment.
 * The buyer then goes back to the order's return URL, or sees a result page of ours.
 */
import { isClientRrn, RETURN_PARAMS, type ReturnStatus } from '@portmanat-checkout/shared'
import { type Context, Hono } from 'hono'
import { MemoryStore } from 'hono-rate-limiter'
import * as v from 'valibot'
import type { Services } from '../deps.ts'
import { bodyLimit } from '../http/body-limit.ts'
import { clientIp } from '../http/client-ip.ts'
import { stringsFor } from '../pages/i18n.ts'
import { sendPage } from '../pages/layout.ts'
import { messagePage } from '../pages/message-page.ts'
import { checkAttempt } from '../payments/check-attempt.ts'
import { MAX_ATTEMPTS_PER_ORDER, nextCheckAt, returnStatus, type Verdict } from '../payments/verify.ts'
import type { Order } from '../store/types.ts'

/** PSP references seen in the wild hold `]`, `+`, `/`, `=`: any printable ASCII but space. */
export const PSP_RRN_PATTERN = /^[\x21-\x7e]{1,128}$/

/** Largest callback form body read; a real one is under 200 bytes. */
const CALLBACK_BODY_LIMIT = 8 * 1024

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
  if (c.req.method === 'POST' && /^application\/x-www-form-urlencoded/i.test(type)) {
    const text = await c.req.text().catch(() => '')
    for (const [key, value] of new URLSearchParams(text)) if (!params.has(key)) params.set(key, value)
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

/** Whether our own page should say the payment could not be confirmed (the hint led nowhere). */
const unconfirmed = (verdict: Verdict | undefined) =>
  verdict !== undefined &&
  (verdict.kind === 'foreign' || verdict.kind === 'rejected' || verdict.kind === 'unattributed')

export function callbackRoutes(s: Services): Hono {
  const { config, store, clock, logger } = s
  const app = new Hono()
  // `/check` calls a minute per client address (RATE_LIMIT); over it a callback is still written
  // down and answered "result will follow", and the follow-up job asks instead.
  const limiter = config.rateLimit === null ? undefined : new MemoryStore()
  limiter?.init({ windowMs: 60_000 } as Parameters<MemoryStore['init']>[0])
  const overLimit = async (c: Context) => {
    if (!limiter || config.rateLimit === null) return false
    const ip = clientIp(c, s.remoteAddress, config.trustProxy) ?? 'unknown'
    return (await limiter.increment(ip)).totalHits > config.rateLimit
  }

  function finish(c: Context, order: Order, status: ReturnStatus, verdict?: Verdict) {
    if (order.return_url) return c.redirect(returnTo(order.return_url, status, order.client_rrn), 303)
    const strings = stringsFor(order.locale, c.req.header('accept-language'))
    const doubtful = unconfirmed(verdict) && status === 'pending'
    const [title, text] = doubtful
      ? [strings.unconfirmedTitle, strings.unconfirmedText]
      : status === 'paid'
        ? [strings.paidTitle, strings.paidText]
        : status === 'pending'
          ? [strings.pendingTitle, strings.pendingText]
          : [strings.failedTitle, strings.failedText]
    return sendPage(
      c,
      config.pspUrl,
      messagePage({ strings, tone: doubtful ? 'failed' : status, title, text, order }),
    )
  }

  /** A page about the request itself, in the buyer's language; no order is involved. */
  function notice(c: Context, what: 'badRequest' | 'unknownOrder', status: 400 | 404 | 413) {
    const strings = stringsFor(null, c.req.header('accept-language'))
    const page = messagePage({
      strings,
      tone: 'neutral',
      title: strings[`${what}Title`],
      text: strings[`${what}Text`],
    })
    return sendPage(c, config.pspUrl, page, status)
  }

  app.post(
    '/api/callback',
    bodyLimit({ maxSize: CALLBACK_BODY_LIMIT, onError: (c) => notice(c, 'badRequest', 413) }),
  )
  app.on(['GET', 'POST'], '/api/callback', async (c) => {
    const raw = await readParams(c)
    const parsed = v.safeParse(CallbackParams, raw)
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
    // Paid is final, and a held mismatch waits for the operator: no question to the PSP.
    if (order.status === 'paid' || order.reason === 'mismatch') return finish(c, order, returnStatus(order))

    const now = clock()
    const recorded = await store.recordAttempt(client_rrn, psp_rrn, now, {
      next_check_at: nextCheckAt(now, now) ?? now.toISOString(),
      max: MAX_ATTEMPTS_PER_ORDER,
    })
    if (recorded.kind === 'full') {
      logger.warn(
        { event: 'security.attempts_full', client_rrn, psp_rrn },
        `the order already has ${MAX_ATTEMPTS_PER_ORDER} payment references: this one is not kept`,
      )
      return finish(c, order, returnStatus(order))
    }
    const { attempt } = recorded
    // An answer already on record is not asked for again by a callback; the order may have moved
    // on since it was read (a concurrent callback for the same reference).
    if (attempt.state !== 'open' && attempt.state !== 'pending') {
      const current = (await store.getOrder(client_rrn)) ?? order
      return finish(c, current, returnStatus(current))
    }
    if (await overLimit(c)) {
      logger.warn(
        { event: 'callback.rate_limited', client_rrn },
        'callback over the rate limit: checked later',
      )
      return finish(c, order, returnStatus(order))
    }

    const checked = await checkAttempt(s, order, attempt)
    logger.info(
      { event: 'callback.checked', client_rrn, psp_rrn, verdict: checked.verdict.kind },
      'callback checked with the PSP',
    )
    return finish(c, checked.order, returnStatus(checked.order), checked.verdict)
  })

  return app
}
