/**
 * `POST /check`: the server-to-server status query. `psp_rrn` comes as a form field, a JSON
 * field or a query parameter; answers are the documented JSON shapes, faults permitting.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import { okAnswer, validationAnswer, wrongRrnAnswer } from '../check-response.ts'
import type { SandboxDeps } from '../deps.ts'
import { FAULT_HEADER, malform, parseFaultHeader, runFaults } from '../faults.ts'
import { type Fields, queryFields, readFields, single } from '../request-fields.ts'

const MESSAGES = {
  required: 'The psp rrn field is required.',
  repeated: 'The psp rrn field must be sent once.',
  not_a_string: 'The psp rrn must be a string.',
} as const

/** The body's `psp_rrn` when it has one, else the query's. */
async function pspRrnFields(c: Context): Promise<Fields> {
  const body = await readFields(c, { json: true })
  // Like the provider, an unreadable or foreign body is no body: the field is then missing.
  if (body.ok && body.fields.has('psp_rrn')) return body.fields
  return queryFields(c)
}

export function checkRoutes(deps: SandboxDeps) {
  const app = new Hono()

  app.post('/check', async (c) => {
    const { state } = deps
    const header = c.req.header(FAULT_HEADER)
    const headerFaults = header === undefined ? undefined : parseFaultHeader(header)
    if (headerFaults && !headerFaults.ok) {
      return c.json(validationAnswer({ [FAULT_HEADER]: [headerFaults.message] }, state.variant), 400)
    }
    const faults = headerFaults ? headerFaults.faults : state.takeFaults('check')
    const fault = await runFaults(c, faults, 'check', deps.hangs, deps.maxHangMs)
    if ('response' in fault) return fault.response

    const field = single(await pspRrnFields(c), 'psp_rrn')
    let answer: object
    if (!field.ok) answer = validationAnswer({ psp_rrn: [MESSAGES[field.error]] }, state.variant)
    else {
      const payment = state.payment(field.value)
      answer = payment
        ? okAnswer(payment, state.service(payment.service_id), state.variant)
        : wrongRrnAnswer(state.variant)
    }
    // The provider answers 200 with a `status` field, also for BAD requests.
    const json = JSON.stringify(answer)
    return c.body(fault.malformed ? malform(json) : json, 200, { 'Content-Type': 'application/json' })
  })

  return app
}
