/**
 * `/`: in sandbox mode a demo shop (the catalog as cards, each with a real Pay button, and the
 * embed snippet beside it); in live mode a short page saying the server runs.
 */
import { formatMoney } from '@portmanat-checkout/shared'
import { html } from 'hono/html'
import { type Catalog, textIn } from '../catalog.ts'
import { layout } from './layout.ts'

const TEST_CARDS = [
  ['4242 4242 4242 4242', 'paid'],
  ['4000 0000 0000 0002', 'declined'],
  ['4000 0000 0000 0077', 'pending, then settled'],
] as const

/** The two lines a merchant pastes into a page. */
const embedSnippet = (publicUrl: string, item: string) =>
  `<script src="${publicUrl}/widget.js" async></script>\n<portmanat-checkout item="${item}"></portmanat-checkout>`

export const demoPage = (catalog: Catalog, publicUrl: string) => {
  const items = [...catalog.values()]
  const first = items[0]?.id ?? 'premium'
  return layout({
    lang: 'en',
    title: 'Demo shop · portmanat-checkout',
    head: html`<script src="/widget.js" async></script>`,
    body: html`<header class="banner">
<strong>Sandbox mode</strong> — no real money moves. Payments go to the PSP emulator built into this
server; pay with a <a href="#test-cards">test card</a>.
</header>
<main class="shop">
<section class="intro">
<h1>Demo shop</h1>
<p>Every button below is a real <code>&lt;portmanat-checkout&gt;</code> element talking to this server. Pay with a
sandbox test card, any future expiry date and any three-digit CVV.</p>
<ul class="cards-list" id="test-cards">
${TEST_CARDS.map(([card, outcome]) => html`<li><code>${card}</code> ${outcome}</li>`)}
</ul>
</section>
<section class="grid">
${items.map(
  (item) => html`<article class="card product">
<h2>${textIn(item.title, 'en')}</h2>
${item.description ? html`<p class="muted">${textIn(item.description, 'en')}</p>` : ''}
<p class="price">${formatMoney(item.qepik, 'en')}</p>
<portmanat-checkout item="${item.id}"></portmanat-checkout>
</article>`,
)}
</section>
<section class="card embed">
<h2>Add it to your page</h2>
<p>Two lines anywhere in your HTML; the price comes from this server's catalog.</p>
<pre tabindex="0" role="region" aria-label="Embed code"><code>${embedSnippet(publicUrl, first)}</code></pre>
</section>
</main>`,
  })
}

export const livePage = () =>
  layout({
    lang: 'en',
    title: 'portmanat-checkout',
    body: html`<main class="message">
<section class="card message-card tone-neutral">
<h1>portmanat-checkout is running</h1>
<p>This server signs Portmanat Card payments for its shop. There is nothing to see here.</p>
</section>
</main>`,
  })
