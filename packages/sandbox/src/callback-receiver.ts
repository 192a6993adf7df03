/**
 * For the sandbox run on its own: a stand-in callback URL that shows what a partner's callback
 * would receive, and what `/check` answers about it.
 */
import { Hono } from 'hono'
import { html } from 'hono/html'
import { sendPage } from './deps.ts'
import { STRINGS } from './i18n/index.ts'
import { queryFields, readFields, text } from './request-fields.ts'
import { layout } from './views/layout.ts'

/** Where the receiver lives in the standalone app. */
export const RECEIVER_PATH = '/callback'

/**
 * `GET|POST /callback`. `check` asks the sandbox's own `/check` in-process.
 */
export function callbackReceiver(check: (pspRrn: string) => Promise<string>) {
  return new Hono().on(['GET', 'POST'], RECEIVER_PATH, async (c) => {
    const query = queryFields(c)
    const body = c.req.method === 'POST' ? await readFields(c) : undefined
    const fields = body?.ok ? body.fields : new Map()
    const pspRrn = text(fields, 'psp_rrn') || text(query, 'psp_rrn')
    const clientRrn = text(fields, 'client_rrn') || text(query, 'client_rrn')
    const answer = pspRrn ? await check(pspRrn) : ''
    const view = { locale: 'en' as const, t: STRINGS.en, base: '' }
    const content = html`<h1>Callback received</h1>
<p>This page stands in for the partner's callback URL. A real partner now asks <code>/check</code>
and trusts only its answer, never these parameters alone.</p>
<dl class="details">
<dt>Method</dt><dd>${c.req.method}</dd>
<dt><code>psp_rrn</code></dt><dd><code>${pspRrn || '(none)'}</code></dd>
<dt><code>client_rrn</code></dt><dd><code>${clientRrn || '(none)'}</code></dd>
</dl>
${answer ? html`<h2><code>POST /check</code> answers</h2><pre><code>${answer}</code></pre>` : ''}`
    return sendPage(c, layout(view, 'Callback received', content))
  })
}
