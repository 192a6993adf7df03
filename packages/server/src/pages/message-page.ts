import { formatMoney } from '@portmanat-checkout/shared'
import { html, raw } from 'hono/html'
import type { Order } from '../store/types.ts'
import type { PageStrings } from './i18n.ts'
import { layout } from './layout.ts'

export type Tone = 'paid' | 'pending' | 'failed' | 'neutral'

export interface MessagePageOptions {
  strings: PageStrings
  tone: Tone
  title: string
  text: string
  order?: Order
}

const ICONS: Record<Tone, string> = { paid: '✓', pending: '…', failed: '✕', neutral: '!' }

/** A small centred card: the result page of a payment, or a readable error for a buyer. */
export const messagePage = ({ strings, tone, title, text, order }: MessagePageOptions) =>
  layout({
    lang: strings.lang,
    title,
    body: html`<main class="message">
<section class="card message-card tone-${tone}">
<div class="icon" aria-hidden="true">${ICONS[tone]}</div>
<h1>${title}</h1>
<p>${text}</p>
${
  order
    ? html`<dl class="facts">
<dt>${strings.order}</dt><dd>${order.title}</dd>
<dt>${strings.amount}</dt><dd>${formatMoney(order.qepik, strings.lang)}</dd>
<dt>${strings.reference}</dt><dd><code>${order.client_rrn}</code></dd>
</dl>`
    : raw('')
}
</section>
</main>`,
  })
