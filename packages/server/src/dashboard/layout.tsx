/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The dashboard's frame (skip link, header with the mode, navigation, language switcher, logout)
 * and the small pieces every dashboard page uses.
 */
import { type FailureReason, formatMoney, LOCALES, type OrderStatus } from '@portmanat-checkout/shared'
import type { Child } from 'hono/jsx'
import { Document, languageHref } from '../pages/document.tsx'
import type { Order as StoredOrder } from '../store/types.ts'
import { formatBakuTime } from './baku-time.ts'
import { DASHBOARD_STRINGS, type DashboardStrings } from './i18n.ts'

/** What every dashboard page knows about the request it answers. */
export interface View {
  s: DashboardStrings
  mode: 'live' | 'sandbox'
  /** The session's CSRF token; null on the login page. */
  csrf: string | null
  /** The request's path and query, for the language links. */
  url: URL
}

/** The hidden field every dashboard form carries. */
export const CsrfField = ({ token }: { token: string | null }) =>
  token ? <input type="hidden" name="csrf" value={token} /> : null

const LanguageSwitcher = ({ view }: { view: View }) => (
  <nav class="dash-lang" aria-label={view.s.language}>
    <ul>
      {LOCALES.map((lang) => (
        <li>
          <a
            href={languageHref(view.url, lang)}
            lang={lang}
            hreflang={lang}
            aria-current={lang === view.s.lang ? 'true' : undefined}
          >
            {DASHBOARD_STRINGS[lang].languageName}
          </a>
        </li>
      ))}
    </ul>
  </nav>
)

export type Section = 'orders' | 'order' | 'dead' | 'link' | 'login'

export interface DashboardLayoutProps {
  view: View
  title: string
  section: Section
  children?: Child
}

export const DashboardLayout = ({ view, title, section, children }: DashboardLayoutProps) => {
  const { s } = view
  const signedIn = view.csrf !== null
  const navItem = (target: Section, href: string, label: string) => (
    <li>
      <a href={href} aria-current={section === target ? 'page' : undefined}>
        {label}
      </a>
    </li>
  )
  return (
    <Document lang={s.lang} title={`${title} · ${s.dashboard} · portmanat-checkout`} bodyClass="dash">
      <a class="skip-link" href="#main">
        {s.skipToContent}
      </a>
      <header class="dash-header">
        <div class="dash-bar">
          <p class="dash-brand">
            <a href="/dashboard">portmanat-checkout</a>
            <span class={`badge ${view.mode === 'sandbox' ? 'badge-sandbox' : 'badge-live'}`}>
              {view.mode === 'sandbox' ? s.sandboxBadge : s.liveBadge}
            </span>
          </p>
          <LanguageSwitcher view={view} />
        </div>
        {signedIn ? (
          <div class="dash-bar dash-nav-bar">
            <nav aria-label={s.mainNav} class="dash-nav">
              <ul>
                {navItem('orders', '/dashboard', s.orders)}
                {navItem('dead', '/dashboard/deliveries', s.deadDeliveries)}
                {navItem('link', '/dashboard/links/new', s.newLink)}
              </ul>
            </nav>
            <form method="post" action="/dashboard/logout" class="dash-logout">
              <CsrfField token={view.csrf} />
              <button type="submit" class="button button-quiet">
                {s.logOut}
              </button>
            </form>
          </div>
        ) : null}
        {view.mode === 'sandbox' ? <p class="dash-sandbox">{s.sandboxNote}</p> : null}
      </header>
      <main id="main" class="dash-main" tabindex={-1}>
        {children}
      </main>
    </Document>
  )
}

/** An order's status as a coloured word (never colour alone), with its reason when it failed. */
export const StatusBadge = ({
  s,
  order,
}: {
  s: DashboardStrings
  order: { status: OrderStatus; reason: FailureReason | null }
}) => (
  <span class="status-cell">
    <span class={`badge status-${order.status}`}>{s.statuses[order.status]}</span>
    {order.reason ? <span class="reason">{s.reasons[order.reason]}</span> : null}
  </span>
)

export const SandboxBadge = ({ s, order }: { s: DashboardStrings; order: StoredOrder }) =>
  order.livemode === false ? <span class="badge badge-sandbox">{s.sandboxBadge}</span> : null

export const Money = ({ s, qepik }: { s: DashboardStrings; qepik: number }) => (
  <span class="money">{formatMoney(qepik, s.lang)}</span>
)

/** A moment in Baku time, machine-readable too. */
export const Time = ({ s, iso }: { s: DashboardStrings; iso: string | null }) =>
  iso ? <time datetime={iso}>{formatBakuTime(iso, s.lang)}</time> : <span class="muted-text">—</span>

export interface CellProps {
  /** The column's name, shown beside the value when the table stacks on a narrow screen. */
  label: string
  class?: string
  /** The row's header cell (`<th scope="row">`) rather than a `<td>`. */
  row?: boolean
  children?: Child
}

/** A table cell as the stacked 320 px layout needs it: `data-label` and an inner `.cell` (style.css). */
export const Cell = ({ label, class: className, row = false, children }: CellProps) => {
  const content = <span class="cell">{children}</span>
  return row ? (
    <th scope="row" data-label={label} class={className}>
      {content}
    </th>
  ) : (
    <td data-label={label} class={className}>
      {content}
    </td>
  )
}

/** A status line after an action (Recheck, Resend, a new link), read out by screen readers. */
export const Flash = ({ text, tone = 'ok' }: { text: string | null; tone?: 'ok' | 'warn' }) =>
  text ? (
    <p class={`flash flash-${tone}`} role="status">
      {text}
    </p>
  ) : null
