/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Dead deliveries: messages the outbox gave up on after about three days, newest first, with Resend. */
import type { OutboxMessage } from '../store/types.ts'
import { Cell, DashboardLayout, Flash, Time, type View } from './layout.tsx'
import { ResendForm } from './order-page.tsx'

export interface DeadPageProps {
  view: View
  messages: OutboxMessage[]
  /** The `before` cursor of the next (older) page, if there is one. */
  older: string | null
  flash: string | null
}

export const DeadPage = ({ view, messages, older, flash }: DeadPageProps) => {
  const { s } = view
  return (
    <DashboardLayout view={view} title={s.deadHeading} section="dead">
      <h1>{s.deadHeading}</h1>
      <Flash text={flash} />
      {messages.length === 0 ? (
        <p class="empty">{s.noDead}</p>
      ) : (
        <table class="data dead-table">
          <caption>{s.deadCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{s.order}</th>
              <th scope="col">{s.channel}</th>
              <th scope="col">{s.event}</th>
              <th scope="col" class="num">
                {s.tries}
              </th>
              <th scope="col">{s.error}</th>
              <th scope="col">{s.created}</th>
              <th scope="col">
                <span class="visually-hidden">{s.resend}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr class="is-dead">
                <Cell row label={s.order}>
                  <a class="mono" href={`/dashboard/orders/${message.client_rrn}#deliveries`}>
                    {message.client_rrn}
                  </a>
                </Cell>
                <Cell label={s.channel}>{s.channels[message.channel]}</Cell>
                <Cell label={s.event}>
                  <code>{message.type}</code>
                </Cell>
                <Cell label={s.tries} class="num">
                  {message.attempts}
                </Cell>
                <Cell label={s.error} class="detail">
                  {message.last_error ? (
                    <code class="line">
                      {message.last_status_code ? `${message.last_status_code} · ` : ''}
                      {message.last_error}
                    </code>
                  ) : (
                    '—'
                  )}
                </Cell>
                <Cell label={s.created}>
                  <Time s={s} iso={message.created_at} />
                </Cell>
                <td>
                  <ResendForm view={view} message={message} back="dead" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {older ? (
        <nav class="pager" aria-label={s.pages}>
          <ul>
            <li>
              <a href="/dashboard/deliveries">{s.newest}</a>
            </li>
            <li>
              <a href={`/dashboard/deliveries?before=${older}`} rel="next">
                {s.older} →
              </a>
            </li>
          </ul>
        </nav>
      ) : null}
    </DashboardLayout>
  )
}
