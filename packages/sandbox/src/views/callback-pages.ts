/**
 * The way back to the shop: an auto-submitting form for services whose callback takes POST,
 * and the sandbox's own result page for services with no callback URL.
 */
import { html } from 'hono/html'
import type { SandboxPayment } from '../types.ts'
import { type Html, layout, type View } from './layout.ts'

/**
 * A form that posts `psp_rrn` and `client_rrn` to the callback. The Continue button works
 * without JavaScript; the external script submits it at once where scripts run.
 */
export function callbackFormPage(view: View, url: string, payment: SandboxPayment): Html {
  const { t, base } = view
  const content = html`<h1>${t.redirectTitle}</h1>
<form method="post" action="${url}" data-auto-submit>
<input type="hidden" name="psp_rrn" value="${payment.psp_rrn}">
<input type="hidden" name="client_rrn" value="${payment.client_rrn}">
<p>${t.redirectText}</p>
<button type="submit" class="primary">${t.continue}</button>
</form>`
  return layout(
    view,
    t.redirectTitle,
    content,
    html`<script src="${base}/assets/auto-submit.js" defer></script>`,
  )
}

/** For a service with no callback URL: what the callback would have received. */
export function resultPage(view: View, payment: SandboxPayment): Html {
  const { t } = view
  const content = html`<div class="notice" role="status">
<h1>${t.resultTitle}</h1>
<p>${t.resultText}</p>
<dl class="details">
<dt><code>psp_rrn</code></dt><dd><code>${payment.psp_rrn}</code></dd>
<dt><code>client_rrn</code></dt><dd><code>${payment.client_rrn}</code></dd>
<dt>${t.status}</dt><dd>${t.statuses[payment.status]}</dd>
</dl>
</div>`
  return layout(view, t.resultTitle, content)
}
