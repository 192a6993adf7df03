/**
 * The buyer's pages before the bank: "check the data", the rejected-request page and the
 * simple message pages.
 */
import { formatMoney } from '@portmanat-checkout/shared'
import { html } from 'hono/html'
import { issueMessage, type ProcessErrors } from '../process-fields.ts'
import type { SandboxPayment } from '../types.ts'
import { type Html, langField, layout, type View } from './layout.ts'

/** The "check the data" page, with Continue and Cancel as real forms. */
export function checkPage(view: View, payment: SandboxPayment, title: string, qepik: number): Html {
  const { t, base } = view
  const content = html`<h1>${t.checkTitle}</h1>
<p>${t.checkIntro}</p>
<dl class="details">
<dt>${t.service}</dt><dd>${title}</dd>
<dt>${t.amount}</dt><dd class="amount">${formatMoney(qepik, view.locale)}</dd>
<dt>${t.clientRrn}</dt><dd><code>${payment.client_rrn}</code></dd>
<dt>${t.pspRrn}</dt><dd><code>${payment.psp_rrn}</code></dd>
</dl>
<div class="actions">
<form method="post" action="${base}/process/continue">
<input type="hidden" name="psp_rrn" value="${payment.psp_rrn}">${langField(view)}
<button type="submit" class="primary">${t.continue}</button>
</form>
<form method="post" action="${base}/process/cancel">
<input type="hidden" name="psp_rrn" value="${payment.psp_rrn}">${langField(view)}
<button type="submit" class="secondary">${t.cancel}</button>
</form>
</div>`
  return layout(view, t.checkTitle, content)
}

/** The page for a rejected `/process` request, listing every field that is wrong. */
export function processErrorPage(view: View, errors: ProcessErrors): Html {
  const { t } = view
  const items = Object.entries(errors).map(
    ([field, issue]) => html`<li><code>${field}</code>: ${issueMessage(t, issue)}</li>`,
  )
  const content = html`<div class="error-summary" role="alert" aria-labelledby="error-title">
<h1 id="error-title">${t.processErrorTitle}</h1>
<p>${t.processErrorIntro}</p>
<ul>${items}</ul>
<p class="code">status: BAD · code: 10 · Validation error</p>
</div>`
  return layout(view, t.processErrorTitle, content)
}

/** A page with one heading and one message, for errors and dead ends. */
export function messagePage(view: View, title: string, text: string, alert = true): Html {
  const content = html`<div class="${alert ? 'error-summary' : 'notice'}" ${alert ? html`role="alert"` : ''}>
<h1>${title}</h1>
<p>${text}</p>
</div>`
  return layout(view, title, content)
}
