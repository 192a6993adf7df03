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

/** A value still on its way: a line's height, so the dialog does not grow when it comes. */
const NONE = '\u00a0'

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
      <dt>{order ? order.title : NONE}</dt>
      <dd>{order?.description}</dd>
      {(order?.quantity ?? 1) > 1 && [<dt>{t.quantity}</dt>, <dd>{order?.quantity}</dd>]}
      <dt>{t.amount}</dt>
      <dd>{order ? money(order.amount, locale) : NONE}</dd>
      <dt>{t.reference}</dt>
      <dd>
        <code>{order ? order.client_rrn : NONE}</code>
      </dd>
    </dl>
  )
}
