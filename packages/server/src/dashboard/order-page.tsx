/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * One order: what it is, its payment link while it can be paid, Recheck, its history of state
 * changes, its payment attempts, and every delivery of its events with Resend.
 */
import { RECHECKED_STATES } from '../payments/recheck-order.ts'
import type { Delivery, Order, OrderEvent, OutboxMessage, PaymentAttempt } from '../store/types.ts'
import {
  Cell,
  CsrfField,
  DashboardLayout,
  Flash,
  Money,
  SandboxBadge,
  StatusBadge,
  Time,
  type View,
} from './layout.tsx'

export interface OrderPageProps {
  view: View
  order: Order
  events: OrderEvent[]
  attempts: PaymentAttempt[]
  messages: { message: OutboxMessage; deliveries: Delivery[] }[]
  /** The order's hosted payment page, while it can still be paid. */
  payUrl: string | null
  flash: { text: string; tone: 'ok' | 'warn' } | null
}

const Fact = ({ label, children }: { label: string; children: unknown }) =>
  children === null || children === undefined || children === '' ? null : (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )

/** An event's detail (JSON text) as `key: value` lines. */
function detailLines(detail: string | null): string[] {
  if (!detail) return []
  try {
    const parsed: unknown = JSON.parse(detail)
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.entries(parsed).map(
        ([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
      )
    }
  } catch {
    // not JSON: shown as it is
  }
  return [detail]
}

const History = ({ view, events }: { view: View; events: OrderEvent[] }) => {
  const { s } = view
  return (
    <section aria-labelledby="history-title" class="dash-section">
      <h2 id="history-title">{s.historyHeading}</h2>
      <table class="data">
        <caption>{s.historyCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{s.time}</th>
            <th scope="col">{s.change}</th>
            <th scope="col">{s.detail}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr>
              <Cell row label={s.time}>
                <Time s={s} iso={event.at} />
              </Cell>
              <Cell label={s.change}>
                {event.from_status ? (
                  <>
                    <StatusBadge s={s} order={{ status: event.from_status, reason: null }} /> →{' '}
                  </>
                ) : null}
                <StatusBadge s={s} order={{ status: event.to_status, reason: event.reason }} />
              </Cell>
              <Cell label={s.detail} class="detail">
                {detailLines(event.detail).map((line) => (
                  <code class="line">{line}</code>
                ))}
              </Cell>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

const Attempts = ({ view, order, attempts }: { view: View; order: Order; attempts: PaymentAttempt[] }) => {
  const { s } = view
  return (
    <section aria-labelledby="attempts-title" class="dash-section" id="attempts">
      <h2 id="attempts-title">{s.attemptsHeading}</h2>
      {attempts.length === 0 ? (
        <p class="empty">{s.noAttempts}</p>
      ) : (
        <table class="data">
          <caption>{s.attemptsCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{s.pspRrn}</th>
              <th scope="col">{s.attemptState}</th>
              <th scope="col">{s.lastAnswer}</th>
              <th scope="col" class="num">
                {s.checks}
              </th>
              <th scope="col">{s.nextCheck}</th>
              <th scope="col">{s.created}</th>
            </tr>
          </thead>
          <tbody>
            {attempts.map((attempt) => (
              <tr>
                <Cell row label={s.pspRrn} class="mono">
                  {attempt.psp_rrn}
                </Cell>
                <Cell label={s.attemptState}>{s.attemptStates[attempt.state]}</Cell>
                <Cell label={s.lastAnswer}>{attempt.outcome ?? '—'}</Cell>
                <Cell label={s.checks} class="num">
                  {attempt.checks}
                </Cell>
                <Cell label={s.nextCheck}>
                  <Time s={s} iso={attempt.next_check_at} />
                </Cell>
                <Cell label={s.created}>
                  <Time s={s} iso={attempt.created_at} />
                </Cell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {attempts.some((attempt) => RECHECKED_STATES.includes(attempt.state)) ? (
        <form method="post" action={`/dashboard/orders/${order.client_rrn}/recheck`} class="inline-form">
          <CsrfField token={view.csrf} />
          <button type="submit" class="button" aria-describedby="recheck-help">
            {s.recheck}
          </button>
          <span class="hint" id="recheck-help">
            {s.recheckHelp}
          </span>
        </form>
      ) : attempts.length > 0 ? (
        <p class="muted">{s.nothingToRecheck}</p>
      ) : null}
    </section>
  )
}

/** The Resend form of one message; `back` says which page to return to. */
export const ResendForm = ({
  view,
  message,
  back,
}: {
  view: View
  message: OutboxMessage
  back: 'order' | 'dead'
}) => (
  <form
    method="post"
    action={`/dashboard/orders/${message.client_rrn}/messages/${message.id}/resend`}
    class="inline-form"
  >
    <CsrfField token={view.csrf} />
    <input type="hidden" name="back" value={back} />
    <button
      type="submit"
      class="button button-small"
      aria-label={`${view.s.resend}: ${view.s.channels[message.channel]} ${message.type}`}
    >
      {view.s.resend}
    </button>
  </form>
)

const Deliveries = ({ view, messages }: { view: View; messages: OrderPageProps['messages'] }) => {
  const { s } = view
  return (
    <section aria-labelledby="deliveries-title" class="dash-section" id="deliveries">
      <h2 id="deliveries-title">{s.deliveriesHeading}</h2>
      {messages.length === 0 ? (
        <p class="empty">{s.noDeliveries}</p>
      ) : (
        <table class="data deliveries">
          <caption>{s.deliveriesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{s.time}</th>
              <th scope="col" class="num">
                #
              </th>
              <th scope="col">{s.response}</th>
              <th scope="col" class="num">
                {s.duration}
              </th>
              <th scope="col">{s.error}</th>
            </tr>
          </thead>
          {messages.map(({ message, deliveries }) => (
            <tbody class={message.status === 'dead' ? 'is-dead' : undefined}>
              <tr class="group-row">
                <th scope="rowgroup" colspan={5}>
                  <span class="group-title">
                    {s.channels[message.channel]} · <code>{message.type}</code> ·{' '}
                    <span class={`badge delivery-${message.status}`}>
                      {s.messageStatuses[message.status]}
                    </span>{' '}
                    <span class="sub">
                      {s.tries}: {message.attempts}
                    </span>
                  </span>
                  <ResendForm view={view} message={message} back="order" />
                </th>
              </tr>
              {deliveries.map((delivery) => (
                <tr>
                  <Cell label={s.time}>
                    <Time s={s} iso={delivery.at} />
                  </Cell>
                  <Cell label="#" class="num">
                    {delivery.attempt}
                  </Cell>
                  <Cell label={s.response}>
                    <span class={delivery.ok ? 'ok-text' : 'fail-text'}>
                      {delivery.ok ? '✓' : '✕'} {delivery.status_code ?? '—'}
                    </span>
                  </Cell>
                  <Cell label={s.duration} class="num">
                    {delivery.duration_ms} ms
                  </Cell>
                  <Cell label={s.error} class="detail">
                    {delivery.error ? <code class="line">{delivery.error}</code> : '—'}
                  </Cell>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  )
}

export const OrderPage = ({ view, order, events, attempts, messages, payUrl, flash }: OrderPageProps) => {
  const { s } = view
  return (
    <DashboardLayout view={view} title={`${s.orderHeading} ${order.client_rrn}`} section="order">
      <p class="back">
        <a href="/dashboard">← {s.backToOrders}</a>
      </p>
      <h1 class="order-title">
        <span class="visually-hidden">{s.orderHeading}: </span>
        {order.title}
      </h1>
      <p class="order-summary">
        <Money s={s} qepik={order.qepik} /> <StatusBadge s={s} order={order} />{' '}
        <SandboxBadge s={s} order={order} />
      </p>
      <Flash text={flash?.text ?? null} tone={flash?.tone ?? 'ok'} />
      {payUrl ? (
        <section aria-labelledby="paylink-title" class="card paylink">
          <h2 id="paylink-title">{s.payLinkHeading}</h2>
          <label for="pay-url">{s.payLinkText}</label>
          <input id="pay-url" class="mono" type="url" readonly value={payUrl} />
          <p>
            <a href={payUrl}>{payUrl}</a>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="facts-title" class="dash-section">
        <h2 id="facts-title">{s.facts}</h2>
        <dl class="card facts-list">
          <Fact label={s.reference}>
            <code>{order.client_rrn}</code>
          </Fact>
          <Fact label={s.pspRrn}>{order.psp_rrn ? <code>{order.psp_rrn}</code> : null}</Fact>
          <Fact label={s.bankRrn}>{order.bank_rrn ? <code>{order.bank_rrn}</code> : null}</Fact>
          <Fact label={s.merchantReference}>{order.reference ? <code>{order.reference}</code> : null}</Fact>
          <Fact label={s.item}>{order.item_id ? <code>{order.item_id}</code> : null}</Fact>
          <Fact label={s.quantity}>{order.quantity > 1 ? String(order.quantity) : null}</Fact>
          <Fact label={s.description}>{order.description}</Fact>
          <Fact label={s.created}>
            <Time s={s} iso={order.created_at} />
          </Fact>
          <Fact label={s.updated}>
            <Time s={s} iso={order.updated_at} />
          </Fact>
          <Fact label={s.returnUrl}>{order.return_url ? <code>{order.return_url}</code> : null}</Fact>
          <Fact label={s.clientIp}>{order.client_ip ? <code>{order.client_ip}</code> : null}</Fact>
          <Fact label={s.buyerLanguage}>{order.locale}</Fact>
          <Fact label={s.mode}>
            {order.livemode === null ? null : order.livemode ? s.liveBadge : s.sandboxBadge}
          </Fact>
        </dl>
      </section>
      <Attempts view={view} order={order} attempts={attempts} />
      <History view={view} events={events} />
      <Deliveries view={view} messages={messages} />
    </DashboardLayout>
  )
}
