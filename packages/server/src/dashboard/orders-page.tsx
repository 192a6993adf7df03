/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The overview: paid totals for today, this week and this month; dead deliveries; the filter;
 * the orders newest first, a page at a time (Newer / Older carry the keyset cursor).
 */
import { formatSum, ORDER_STATUSES } from '@portmanat-checkout/shared'
import type { OrderPage, PaidTotals } from '../store/reports.ts'
import type { Period } from './baku-time.ts'
import { type FilterForm, type ListQuery, listHref, periodForm } from './filters.ts'
import { Cell, DashboardLayout, Flash, Money, SandboxBadge, StatusBadge, Time, type View } from './layout.tsx'

export interface OrdersPageProps {
  view: View
  totals: { today: PaidTotals; week: PaidTotals; month: PaidTotals }
  periods: { today: Period; week: Period; month: Period }
  dead: number
  query: ListQuery
  page: OrderPage
}

const Totals = ({ view, totals, periods }: Pick<OrdersPageProps, 'view' | 'totals' | 'periods'>) => {
  const { s } = view
  const entries = [
    ['today', s.today, totals.today, periods.today],
    ['week', s.thisWeek, totals.week, periods.week],
    ['month', s.thisMonth, totals.month, periods.month],
  ] as const
  return (
    <section aria-labelledby="totals-title" class="dash-section">
      <h2 id="totals-title">{s.totalsHeading}</h2>
      <ul class="totals">
        {entries.map(([key, label, total, period]) => (
          <li class="card total">
            <a
              class="total-link"
              href={listHref('/dashboard', { status: 'paid', q: '', ...periodForm(period) })}
              id={`total-${key}`}
            >
              <span class="total-label">{label}</span>
              <span class="total-sum">{formatSum(total.qepik, s.lang)}</span>
              <span class="total-count">{s.payments(total.count)}</span>
            </a>
          </li>
        ))}
      </ul>
      <p class="muted">{view.mode === 'live' ? s.totalsNoteLive : s.totalsNoteSandbox}</p>
    </section>
  )
}

const Dead = ({ view, dead }: { view: View; dead: number }) => (
  <p class={dead > 0 ? 'dead-alert' : 'muted'} id="dead-summary">
    {dead > 0 ? <a href="/dashboard/deliveries">{view.s.deadSome(dead)}</a> : view.s.deadNone}
  </p>
)

const FilterFormView = ({
  view,
  form,
  periods,
}: {
  view: View
  form: FilterForm
  periods: OrdersPageProps['periods']
}) => {
  const { s } = view
  const quick = [
    [s.periodToday, periods.today],
    [s.periodWeek, periods.week],
    [s.periodMonth, periods.month],
  ] as const
  return (
    <section aria-labelledby="filter-title" class="dash-section">
      <h2 id="filter-title">{s.filterHeading}</h2>
      <form method="get" action="/dashboard" class="filters card">
        <div class="field">
          <label for="f-status">{s.status}</label>
          <select id="f-status" name="status">
            <option value="" selected={form.status === ''}>
              {s.anyStatus}
            </option>
            {ORDER_STATUSES.map((status) => (
              <option value={status} selected={form.status === status}>
                {s.statuses[status]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-from">{s.from}</label>
          <input id="f-from" name="from" type="date" value={form.from} />
        </div>
        <div class="field">
          <label for="f-to">{s.to}</label>
          <input id="f-to" name="to" type="date" value={form.to} />
        </div>
        <div class="field field-wide">
          <label for="f-q">{s.search}</label>
          <input
            id="f-q"
            name="q"
            type="search"
            value={form.q}
            maxlength={200}
            autocomplete="off"
            spellcheck={false}
            aria-describedby="f-q-hint"
          />
          <span class="hint" id="f-q-hint">
            {s.searchHint}
          </span>
        </div>
        <div class="actions">
          <button type="submit" class="button">
            {s.show}
          </button>
          <a class="button button-quiet" href="/dashboard">
            {s.clear}
          </a>
          <a class="button button-quiet" href={listHref('/dashboard/orders.csv', form)} download>
            {s.exportCsv}
          </a>
        </div>
      </form>
      <ul class="quick-periods">
        {quick.map(([label, period]) => (
          <li>
            <a href={listHref('/dashboard', { ...form, ...periodForm(period) })}>{label}</a>
          </li>
        ))}
      </ul>
    </section>
  )
}

const OrdersTable = ({ view, page }: { view: View; page: OrderPage }) => {
  const { s } = view
  if (page.orders.length === 0) return <p class="empty">{s.noOrders}</p>
  return (
    <table class="data orders-table">
      <caption>{s.ordersCaption}</caption>
      <thead>
        <tr>
          <th scope="col">{s.reference}</th>
          <th scope="col">{s.title}</th>
          <th scope="col" class="num">
            {s.amount}
          </th>
          <th scope="col">{s.status}</th>
          <th scope="col">{s.created}</th>
          <th scope="col">{s.updated}</th>
        </tr>
      </thead>
      <tbody>
        {page.orders.map((order) => (
          <tr>
            <Cell row label={s.reference}>
              <a href={`/dashboard/orders/${order.client_rrn}`} class="mono">
                {order.client_rrn}
              </a>
              {order.reference ? <span class="sub mono">{order.reference}</span> : null}
            </Cell>
            <Cell label={s.title}>
              {order.title}
              {order.quantity > 1 ? <span class="sub">× {order.quantity}</span> : null}{' '}
              <SandboxBadge s={s} order={order} />
            </Cell>
            <Cell label={s.amount} class="num">
              <Money s={s} qepik={order.qepik} />
            </Cell>
            <Cell label={s.status}>
              <StatusBadge s={s} order={order} />
            </Cell>
            <Cell label={s.created}>
              <Time s={s} iso={order.created_at} />
            </Cell>
            <Cell label={s.updated}>
              <Time s={s} iso={order.updated_at} />
            </Cell>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const Pager = ({ view, query, page }: { view: View; query: ListQuery; page: OrderPage }) => {
  const { s } = view
  if (!page.previous && !page.next) return null
  return (
    <nav class="pager" aria-label={s.pages}>
      <ul>
        {page.previous ? (
          <>
            <li>
              <a href={listHref('/dashboard', query.form)}>{s.newest}</a>
            </li>
            <li>
              <a href={listHref('/dashboard', query.form, { before: page.previous })} rel="prev">
                ← {s.newer}
              </a>
            </li>
          </>
        ) : null}
        {page.next ? (
          <li>
            <a href={listHref('/dashboard', query.form, { after: page.next })} rel="next">
              {s.older} →
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}

export const OrdersPage = ({ view, totals, periods, dead, query, page }: OrdersPageProps) => (
  <DashboardLayout view={view} title={view.s.orders} section="orders">
    <h1>{view.s.orders}</h1>
    <Totals view={view} totals={totals} periods={periods} />
    <Dead view={view} dead={dead} />
    <FilterFormView view={view} form={query.form} periods={periods} />
    {query.invalid ? <Flash text={view.s.invalidFilter} tone="warn" /> : null}
    <div class="dash-section" id="orders">
      <OrdersTable view={view} page={page} />
      <Pager view={view} query={query} page={page} />
    </div>
  </DashboardLayout>
)
