/**
 * The test bank's card page: labelled card inputs with the right `autocomplete` and
 * `inputmode`, the list of test cards, and the form shown again with its errors.
 */
import { formatMoney } from '@portmanat-checkout/shared'
import { html } from 'hono/html'
import { groupCardNumber, TEST_CARDS } from '../cards.ts'
import type { CardError } from '../i18n/index.ts'
import type { SandboxPayment } from '../types.ts'
import { type Html, langField, layout, type View } from './layout.ts'

export interface BankForm {
  /** What the buyer typed, shown again after an error; never the CVV. */
  number?: string
  expiry?: string
  errors?: Partial<Record<'number' | 'expiry' | 'cvv', CardError>>
}

const INPUT_IDS = { number: 'card-number', expiry: 'card-expiry', cvv: 'card-cvv' } as const

function field(
  view: View,
  name: keyof typeof INPUT_IDS,
  label: string,
  attrs: { autocomplete: string; value?: string; hint?: string; maxlength: number; placeholder?: string },
  error: CardError | undefined,
): Html {
  const id = INPUT_IDS[name]
  const describedBy = [attrs.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return html`<div class="field${error ? ' invalid' : ''}">
<label for="${id}">${label}</label>
${attrs.hint ? html`<span class="hint" id="${id}-hint">${attrs.hint}</span>` : ''}
${error ? html`<span class="field-error" id="${id}-error">${view.t.cardErrors[error]}</span>` : ''}
<input id="${id}" name="${name}" type="text" inputmode="numeric" autocomplete="${attrs.autocomplete}" required
 maxlength="${attrs.maxlength}" spellcheck="false" autocapitalize="off"${attrs.placeholder ? html` placeholder="${attrs.placeholder}"` : ''}
 value="${attrs.value ?? ''}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}>
</div>`
}

/** The card form for a payment in `created`. */
export function bankPage(
  view: View,
  payment: SandboxPayment,
  title: string,
  qepik: number,
  form: BankForm = {},
): Html {
  const { t, base } = view
  const errors = form.errors ?? {}
  const listed = (Object.keys(INPUT_IDS) as (keyof typeof INPUT_IDS)[]).filter((name) => errors[name])
  const summary = listed.length
    ? html`<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">
<h2 id="error-title">${t.errorSummary}</h2>
<ul>${listed.map((name) => {
        const error = errors[name]
        return error ? html`<li><a href="#${INPUT_IDS[name]}">${t.cardErrors[error]}</a></li>` : ''
      })}</ul>
</div>`
    : ''
  const amount = formatMoney(qepik, view.locale)
  const content = html`<h1>${t.bankTitle}</h1>
${summary}
<dl class="details">
<dt>${t.service}</dt><dd>${title}</dd>
<dt>${t.amount}</dt><dd class="amount">${amount}</dd>
</dl>
<form method="post" action="${base}/bank" class="card-form" novalidate>
<input type="hidden" name="psp_rrn" value="${payment.psp_rrn}">${langField(view)}
${field(view, 'number', t.cardNumber, { autocomplete: 'cc-number', value: form.number, maxlength: 23, placeholder: '4242 4242 4242 4242' }, errors.number)}
<div class="row">
${field(view, 'expiry', t.expiry, { autocomplete: 'cc-exp', value: form.expiry, hint: t.expiryHint, maxlength: 7 }, errors.expiry)}
${field(view, 'cvv', t.cvv, { autocomplete: 'cc-csc', maxlength: 3 }, errors.cvv)}
</div>
<button type="submit" class="primary">${t.pay(amount)}</button>
</form>
<form method="post" action="${base}/process/cancel" class="cancel-form">
<input type="hidden" name="psp_rrn" value="${payment.psp_rrn}">${langField(view)}
<button type="submit" class="secondary">${t.cancel}</button>
</form>
<section aria-labelledby="test-cards">
<h2 id="test-cards">${t.testCards}</h2>
<p>${t.bankIntro}</p>
<table>
<thead><tr><th scope="col">${t.card}</th><th scope="col">${t.outcome}</th></tr></thead>
<tbody>${TEST_CARDS.map((card) => html`<tr><td><code>${groupCardNumber(card.number)}</code></td><td>${t.outcomes[card.outcome]}</td></tr>`)}</tbody>
</table>
</section>`
  return layout(view, t.bankTitle, content)
}
