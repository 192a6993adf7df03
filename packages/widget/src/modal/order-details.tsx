/**
 * The order as the buyer checks it: what, how many, how much, and its number. While the order
 * is being prepared the same rows hold placeholders, so the dialog does not change height.
 */
import type { Locale } from '@portmanat-checkout/shared'
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime)
import { h } from 'preact'
import { money } from '../kit.ts'
import type { Order } from './answers.ts'
import type { strings } from './i18n/index.ts'

const bar = () => <span class="k" />

export function OrderDetails({
  order,
  locale,
  t,
}: {
  order: Order | undefined
  locale: Locale
  t: ReturnType<typeof strings>
}) {
  return (
    <dl>
      <dt>{order ? order.title : bar()}</dt>
      <dd>{order?.description}</dd>
      {(order?.quantity ?? 1) > 1 && [<dt>{t.quantity}</dt>, <dd>{order?.quantity}</dd>]}
      <dt>{t.amount}</dt>
      <dd>
        <b>{order ? money(order.amount, locale) : bar()}</b>
      </dd>
      <dt>{t.reference}</dt>
      <dd>
        <code>{order ? order.client_rrn : bar()}</code>
      </dd>
    </dl>
  )
}
