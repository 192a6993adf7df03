/**
 * E-mail notices: one message per paid order to the merchant's mailbox through nodemailer's SMTP
 * transport, plain text with a simple HTML alternative. The Message-ID comes from the event id,
 * so the rare repeat of an at-least-once delivery is the same message to the mail servers.
 */
import { formatMoney, type Locale } from '@portmanat-checkout/shared'
import { html, raw } from 'hono/html'
import type { SendMailOptions } from 'nodemailer'
import { Secret } from '../secret.ts'
import type { Mailbox } from './config.ts'
import { bakuTime, NOTICE_STRINGS, orderLink } from './messages.ts'
import { type PaidOrder, readPaidOrder, safeError } from './paid-order.ts'
import { parseSmtpUrl } from './smtp-url.ts'
import type { DeliveryOutcome, Sender } from './types.ts'

/** What the sender needs of a nodemailer transporter (tests and other transports may stand in). */
export interface MailTransport {
  sendMail(mail: SendMailOptions): Promise<{ response?: unknown; rejected?: unknown }>
}

export interface EmailSenderOptions {
  /** `smtp://host:587` or `smtps://user:password@host:465`. */
  smtpUrl: Secret | string
  from: Mailbox | string
  to: readonly (Mailbox | string)[]
  /** The merchant's language. @default 'az' */
  locale?: Locale
  /** `{PUBLIC_URL}/dashboard`, or null when there is no dashboard (no link then). */
  dashboardUrl?: string | null
  /** Instead of an SMTP transport built from `smtpUrl`. */
  transport?: MailTransport
  /** Bound on connecting, the greeting and each wait for the server. @default 15000 */
  timeoutMs?: number
}

export interface EmailContent {
  subject: string
  text: string
  html: string
}

/** Label and value of each line a notice shows, in order; absent facts are left out. */
function facts(order: PaidOrder, locale: Locale): [string, string][] {
  const s = NOTICE_STRINGS[locale]
  const rows: [string, string | null][] = [
    [s.paymentFor, order.title],
    [s.amount, formatMoney(order.qepik, locale)],
    [s.quantity, order.quantity > 1 ? String(order.quantity) : null],
    [s.description, order.description],
    [s.reference, order.client_rrn],
    [s.yourReference, order.reference],
    [s.pspRrn, order.psp_rrn],
    [s.bankRrn, order.bank_rrn],
    [s.paidAt, bakuTime(order.paid_at, locale)],
  ]
  return rows.filter((row): row is [string, string] => row[1] !== null)
}

/**
 * The subject, plain text and HTML of the e-mail for a paid order; every value is escaped in the
 * HTML.
 *
 * @example emailContent(order, 'en', null).subject // 'Payment received: ₼5.23 · Coffee'
 */
export async function emailContent(
  order: PaidOrder,
  locale: Locale,
  dashboardUrl?: string | null,
): Promise<EmailContent> {
  const s = NOTICE_STRINGS[locale]
  const rows = facts(order, locale)
  const link = orderLink(dashboardUrl, order.client_rrn)
  const subject = `${order.livemode ? '' : `${s.testTag} `}${s.heading}: ${formatMoney(order.qepik, locale)} · ${order.title}`
  const text = [
    s.heading,
    ...(order.livemode ? [] : ['', s.testMode]),
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    ...(link ? ['', `${s.viewOrder}: ${link}`] : []),
    '',
    '-- ',
    s.footer,
    '',
  ].join('\n')
  const body = html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><title>${subject}</title></head>
<body style="margin:0;padding:16px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b1b1f;background:#ffffff">
<h1 style="margin:0 0 16px;font-size:20px">${s.heading}</h1>
${order.livemode ? raw('') : html`<p style="margin:0 0 16px;padding:8px 12px;background:#fff4d6;border-radius:6px">${s.testMode}</p>`}
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:15px">
${rows.map(
  ([
    label,
    value,
  ]) => html`<tr><th align="left" valign="top" style="padding:4px 16px 4px 0;font-weight:normal;color:#5c5c66">${label}</th><td style="padding:4px 0;overflow-wrap:anywhere">${value}</td></tr>
`,
)}</table>
${link ? html`<p style="margin:20px 0"><a href="${link}" style="color:#0b57d0">${s.viewOrder}</a></p>` : raw('')}
<p style="margin:24px 0 0;font-size:12px;color:#5c5c66">${s.footer}</p>
</body>
</html>`
  return { subject, text, html: String(await body) }
}

/** The SMTP reply code that starts a response line such as `250 2.0.0 OK`. */
function replyCode(response: unknown): number | undefined {
  const code = typeof response === 'string' ? /^([2-5]\d\d)\b/.exec(response)?.[1] : undefined
  return code ? Number(code) : undefined
}

const field = (error: object, name: string): unknown => (name in error ? Reflect.get(error, name) : undefined)

/** A nodemailer failure as a delivery outcome: 5xx (but 503) is permanent, the rest may pass later. */
function failure(error: unknown, secrets: readonly string[]): DeliveryOutcome {
  if (!(error instanceof Error)) return { ok: false, error: 'e-mail failed' }
  const code = field(error, 'code')
  if (error.name === 'AbortError' || code === 'EABORT') return { ok: false, error: 'aborted' }
  const responseCode = field(error, 'responseCode')
  const status = typeof responseCode === 'number' ? responseCode : undefined
  const flagged = field(error, 'permanent')
  const permanent =
    status !== undefined
      ? typeof flagged === 'boolean'
        ? flagged
        : status >= 500 && status !== 503
      : code === 'ECONFIG' || code === 'EENVELOPE'
  const response = field(error, 'response')
  const what = typeof response === 'string' ? response : error.message
  const error_ = safeError(`${typeof code === 'string' ? `${code}: ` : ''}${what}`, secrets)
  return {
    ok: false,
    ...(status !== undefined ? { status_code: status } : {}),
    error: error_,
    ...(permanent ? { permanent } : {}),
  }
}

/**
 * A {@link Sender} for the `email` channel. An accepted message is delivered (the outcome notes
 * recipients the server refused while accepting others); SMTP 4xx, 503 and connection errors are
 * worth another attempt; other 5xx replies are permanent. Throws a `TypeError` at once for an
 * `smtpUrl` that `noticeConfig` would have refused.
 *
 * @example
 * const send = emailSender({ smtpUrl, from: 'shop@example.az', to: ['owner@example.az'], dashboardUrl })
 * await send(message, AbortSignal.timeout(60_000)) // { ok: true, status_code: 250 }
 */
export const emailSender = ({
  smtpUrl,
  from,
  to,
  locale = 'az',
  dashboardUrl = null,
  transport,
  timeoutMs = 15_000,
}: EmailSenderOptions): Sender => {
  const url = smtpUrl instanceof Secret ? smtpUrl.reveal() : smtpUrl
  const parsed = parseSmtpUrl(url)
  if (!parsed.ok) throw new TypeError(`SMTP_URL ${parsed.message}`)
  const { server } = parsed
  const secrets = server.auth
    ? [server.auth.pass.reveal(), encodeURIComponent(server.auth.pass.reveal())]
    : []
  // nodemailer is loaded with the first e-mail: a server without SMTP_URL never holds it in memory.
  let mailer: Promise<MailTransport> | undefined = transport ? Promise.resolve(transport) : undefined
  const connect = async (): Promise<MailTransport> => {
    const nodemailer = (await import('nodemailer')).default
    return nodemailer.createTransport({
      host: server.host,
      port: server.port,
      secure: server.secure,
      requireTLS: server.requireTLS,
      ...(server.auth ? { auth: { user: server.auth.user, pass: server.auth.pass.reveal() } } : {}),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    })
  }
  const fromAddress = typeof from === 'string' ? from : from.address
  const domain = /@([^@>\s]+)>?$/.exec(fromAddress)?.[1] ?? 'portmanat-checkout.invalid'

  return async function sendEmail(message, signal): Promise<DeliveryOutcome> {
    const read = readPaidOrder(message)
    if (!read.ok) return read.outcome
    const content = await emailContent(read.order, locale, dashboardUrl)
    try {
      mailer ??= connect()
      const info = await (await mailer).sendMail({
        from,
        to: [...to],
        subject: content.subject,
        text: content.text,
        html: content.html,
        messageId: `<${read.order.event_id}.notice@${domain}>`,
        // RFC 3834: a notice from a machine; out-of-office replies should not answer it.
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        signal,
      })
      const status = replyCode(info.response)
      const rejected = Array.isArray(info.rejected) ? info.rejected.length : 0
      return {
        ok: true,
        ...(status !== undefined ? { status_code: status } : {}),
        ...(rejected > 0 ? { error: `refused for ${rejected} of ${to.length} recipients` } : {}),
      }
    } catch (error) {
      return failure(error, secrets)
    }
  }
}
