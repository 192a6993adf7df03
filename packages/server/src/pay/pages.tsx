/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The hosted payment page and what follows it, for a buyer with or without JavaScript: the page
 * with Pay, the signed form to the PSP (sent by a script file when scripts run, a button
 * otherwise), and the result page the buyer returns to.
 */
import { formatMoney, LOCALES, type Locale } from '@portmanat-checkout/shared'
import type { Child } from 'hono/jsx'
import { Document, languageHref } from '../pages/document.tsx'
import { STRINGS } from '../pages/i18n.ts'
import type { Order } from '../store/types.ts'
import { PAY_STRINGS } from './i18n.ts'

/** The script that sends the PSP form when scripts run (a file: the CSP allows no inline script). */
export const PAY_SCRIPT_PATH = '/assets/pay-redirect.js'

type Tone = 'paid' | 'pending' | 'failed' | 'neutral'

interface FrameProps {
  lang: Locale
  title: string
  sandbox: boolean
  /** The page's own path and query, for the language links; none on pages that must not be reloaded. */
  path?: string
  head?: Child
  tone?: Tone
  children?: Child
}

const ICONS = { paid: '✓', pending: '…', failed: '✕', neutral: '!' } as const

const PayFrame = ({ lang, title, sandbox, path, head, tone, children }: FrameProps) => {
  const ps = PAY_STRINGS[lang]
  return (
    <Document lang={lang} title={title} head={head} bodyClass="pay">
      {sandbox ? (
        <header>
          <p class="banner">{ps.sandboxNote}</p>
        </header>
      ) : null}
      <main class="message">
        <div class="pay-column">
          <section
            class={`card pay-card${tone ? ` message-card tone-${tone}` : ''}`}
            aria-labelledby="pay-title"
          >
            {tone ? (
              <div class="icon" aria-hidden="true">
                {ICONS[tone]}
              </div>
            ) : null}
            {children}
          </section>
          {path ? (
            <nav class="pay-lang" aria-label={ps.language}>
              <ul>
                {LOCALES.map((other) => (
                  <li>
                    <a
                      href={languageHref(path, other)}
                      lang={other}
                      hreflang={other}
                      aria-current={other === lang ? 'true' : undefined}
                    >
                      {PAY_STRINGS[other].languageName}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </div>
      </main>
    </Document>
  )
}

export interface PayPageProps {
  lang: Locale
  sandbox: boolean
  path: string
  title: string
  description: string | null
  qepik: number
  /** The signed form token. */
  formToken: string
  /** Said above the button (a refused or expired form). */
  notice?: string | null
}

/** Title, amount and Pay: a plain form, so it works without JavaScript. */
export const PayPage = ({
  lang,
  sandbox,
  path,
  title,
  description,
  qepik,
  formToken,
  notice,
}: PayPageProps) => {
  const ps = PAY_STRINGS[lang]
  const amount = formatMoney(qepik, lang)
  return (
    <PayFrame lang={lang} title={`${title} — ${amount}`} sandbox={sandbox} path={path}>
      <h1 id="pay-title">{title}</h1>
      {description ? <p class="muted">{description}</p> : null}
      <p class="pay-amount">{amount}</p>
      {notice ? (
        <p class="form-error" role="alert">
          {notice}
        </p>
      ) : null}
      <form method="post" action={path}>
        <input type="hidden" name="form" value={formToken} />
        <input type="hidden" name="locale" value={lang} />
        <button type="submit" class="button" aria-describedby="pay-note">
          {ps.pay(amount)}
        </button>
      </form>
      <p class="pay-note" id="pay-note">
        {ps.payNote}
      </p>
    </PayFrame>
  )
}

export interface RedirectPageProps {
  lang: Locale
  sandbox: boolean
  order: Order
  /** `{PSP}/process` */
  action: string
  fields: Record<string, string>
}

/** The signed form to the PSP: the script posts it at once; without scripts the buyer presses the button. */
export const RedirectPage = ({ lang, sandbox, order, action, fields }: RedirectPageProps) => {
  const ps = PAY_STRINGS[lang]
  return (
    <PayFrame
      lang={lang}
      title={ps.redirectTitle}
      sandbox={sandbox}
      head={<script src={PAY_SCRIPT_PATH} defer />}
    >
      <h1 id="pay-title">{ps.redirectTitle}</h1>
      <p class="muted">{ps.redirectText}</p>
      <dl class="facts">
        <dt>{STRINGS[lang].order}</dt>
        <dd>{order.title}</dd>
        <dt>{STRINGS[lang].amount}</dt>
        <dd>{formatMoney(order.qepik, lang)}</dd>
      </dl>
      <form method="post" action={action} id="psp-form">
        {Object.entries(fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit" class="button">
          {ps.continueToPayment}
        </button>
      </form>
    </PayFrame>
  )
}

export type ResultKind = 'paid' | 'pending' | 'failed' | 'not_completed'

export interface ResultPageProps {
  lang: Locale
  sandbox: boolean
  order: Order
  kind: ResultKind
  /** The page itself (for Check again and the refresh). */
  path: string
  /** Where to try again, when the buyer can. */
  retry: string | null
}

/** What the result page says for each outcome, and its tone. */
const RESULTS: Record<ResultKind, (lang: Locale) => { title: string; text: string; tone: Tone }> = {
  paid: (lang) => ({ title: STRINGS[lang].paidTitle, text: STRINGS[lang].paidText, tone: 'paid' }),
  pending: (lang) => ({
    title: STRINGS[lang].pendingTitle,
    text: STRINGS[lang].pendingText,
    tone: 'pending',
  }),
  failed: (lang) => ({ title: STRINGS[lang].failedTitle, text: STRINGS[lang].failedText, tone: 'failed' }),
  not_completed: (lang) => ({
    title: PAY_STRINGS[lang].notCompletedTitle,
    text: PAY_STRINGS[lang].notCompletedText,
    tone: 'failed',
  }),
}

/** Where the buyer returns: paid, failed, not completed, or pending (refreshing itself, no script needed). */
export const ResultPage = ({ lang, sandbox, order, kind, path, retry }: ResultPageProps) => {
  const strings = STRINGS[lang]
  const ps = PAY_STRINGS[lang]
  const { title, text, tone } = RESULTS[kind](lang)
  return (
    <PayFrame
      lang={lang}
      title={title}
      sandbox={sandbox}
      path={path}
      tone={tone}
      head={kind === 'pending' ? <meta http-equiv="refresh" content={`5; url=${path}`} /> : undefined}
    >
      <h1 id="pay-title">{title}</h1>
      <p>{text}</p>
      <dl class="facts">
        <dt>{strings.order}</dt>
        <dd>{order.title}</dd>
        <dt>{strings.amount}</dt>
        <dd>{formatMoney(order.qepik, lang)}</dd>
        <dt>{strings.reference}</dt>
        <dd>
          <code>{order.client_rrn}</code>
        </dd>
      </dl>
      {kind === 'pending' ? (
        <>
          <p class="pay-note">{ps.refreshNote}</p>
          <a class="button button-quiet" href={path}>
            {ps.checkAgain}
          </a>
        </>
      ) : null}
      {retry && (kind === 'failed' || kind === 'not_completed') ? (
        <a class="button" href={retry}>
          {ps.tryAgain}
        </a>
      ) : null}
    </PayFrame>
  )
}

export interface PayMessageProps {
  lang: Locale
  sandbox: boolean
  title: string
  text: string
  link?: { href: string; label: string } | null
}

/** A readable page about the request itself: an unknown product, a closed link, too many tries. */
export const PayMessage = ({ lang, sandbox, title, text, link }: PayMessageProps) => (
  <PayFrame lang={lang} title={title} sandbox={sandbox} tone="neutral">
    <h1 id="pay-title">{title}</h1>
    <p>{text}</p>
    {link ? (
      <a class="button button-quiet" href={link.href}>
        {link.label}
      </a>
    ) : null}
  </PayFrame>
)
