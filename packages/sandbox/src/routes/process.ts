/**
 * `POST /process` and the "check the data" page's two buttons: Continue (to the bank page) and
 * Cancel (payment failed, back to the callback).
 */
import { toCanonical } from '@portmanat-checkout/shared'
import { Hono } from 'hono'
import { toCallback } from '../callback.ts'
import { type SandboxDeps, sendPage, viewFor, wantsJson } from '../deps.ts'
import { FAULT_HEADER, parseFaultHeader, runFaults } from '../faults.ts'
import { STRINGS } from '../i18n/index.ts'
import { checkProcessFields, issueMessage, type ProcessErrors } from '../process-fields.ts'
import { readFields, text } from '../request-fields.ts'
import { checkPage, messagePage, processErrorPage } from '../views/pages.ts'
import { openFromForm } from './flow-guard.ts'

/** The provider's `BAD 10` shape with English messages, for a client that asked for JSON. */
function errorsJson(errors: ProcessErrors) {
  const t = STRINGS.en
  const list = Object.fromEntries(
    Object.entries(errors).map(([field, issue]) => [field, [issueMessage(t, issue)]]),
  )
  return { status: 'BAD', code: 10, description: 'Validation error', errors: list }
}

export function processRoutes(deps: SandboxDeps) {
  const app = new Hono()

  app.post('/process', async (c) => {
    const header = c.req.header(FAULT_HEADER)
    const headerFaults = header === undefined ? undefined : parseFaultHeader(header)
    const body = await readFields(c)
    const field = body.ok ? text(body.fields, 'lang') : undefined
    const view = viewFor(c, deps.base, field)
    if (headerFaults && !headerFaults.ok)
      return c.json({ error: { code: 'bad_fault', message: headerFaults.message } }, 400)
    await runFaults(
      c,
      headerFaults?.faults ?? deps.state.takeFaults('process'),
      'process',
      deps.hangs,
      deps.maxHangMs,
    )

    if (!body.ok) {
      const message = body.reason === 'unsupported' ? view.t.unsupportedType : view.t.processErrorIntro
      return sendPage(
        c,
        messagePage(view, view.t.processErrorTitle, message),
        body.reason === 'unsupported' ? 415 : 400,
      )
    }
    const checked = checkProcessFields(body.fields, deps.state)
    if (!checked.ok) {
      if (wantsJson(c)) return c.json(errorsJson(checked.errors), 400)
      return sendPage(c, processErrorPage(view, checked.errors), 400)
    }
    const { service_id, client_rrn, client_ip } = checked.fields
    const payment = deps.state.create({
      service_id,
      client_rrn,
      client_ip,
      // Recorded canonically: /check answers `5.20` whether `5.2` or `5.20` was posted (and signed).
      amount: toCanonical(checked.qepik),
    })
    return sendPage(c, checkPage(view, payment, checked.service.title, checked.qepik))
  })

  app.post('/process/continue', async (c) => {
    const { view, open } = await openFromForm(c, deps)
    if (!open.ok) return open.response
    const query = new URLSearchParams({ psp_rrn: open.payment.psp_rrn, lang: view.locale })
    return c.redirect(`${deps.base}/bank?${query}`, 303)
  })

  app.post('/process/cancel', async (c) => {
    const { view, open } = await openFromForm(c, deps)
    if (!open.ok) return open.response
    return toCallback(c, deps, view, deps.state.finish(open.payment.psp_rrn, 'failed'))
  })

  return app
}
