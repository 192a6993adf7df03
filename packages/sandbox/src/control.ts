/**
 * Test controls: the {@link SandboxControl} object and the same operations as JSON endpoints
 * under the reserved prefix `/_sandbox/…`.
 */
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as v from 'valibot'
import { parseVariant } from './check-response.ts'
import type { SandboxDeps } from './deps.ts'
import { methodNotAllowed } from './errors.ts'
import { parseFaults } from './faults.ts'
import { PaymentError } from './state.ts'
import type { SandboxControl, SandboxService } from './types.ts'

/** The {@link SandboxControl} of one instance. */
export function createControl(deps: SandboxDeps): SandboxControl {
  const { state } = deps
  return {
    addService: (...services) => {
      state.addServices(services)
    },
    settle: (which, outcome) => {
      const payment = state.find(which)
      return state.finish(payment.psp_rrn, outcome)
    },
    setFaults: (faults) => state.setFaults(faults),
    clearFaults: () => state.setFaults(null),
    setVariant: (variant) => state.setVariant(variant),
    reset: () => {
      state.reset()
      deps.hangs.releaseAll()
    },
    payments: () => state.payments(),
  }
}

const SettleSchema = v.pipe(
  v.strictObject(
    {
      psp_rrn: v.optional(
        v.pipe(v.string('psp_rrn must be a string'), v.minLength(1, 'psp_rrn must not be empty')),
      ),
      client_rrn: v.optional(
        v.pipe(v.string('client_rrn must be a string'), v.minLength(1, 'client_rrn must not be empty')),
      ),
      service_id: v.optional(v.string('service_id must be a string')),
      outcome: v.picklist(['paid', 'failed'], 'outcome must be "paid" or "failed"'),
    },
    (issue) =>
      issue.expected === 'never' ? `unknown field ${issue.received}` : 'the body must be a JSON object',
  ),
  v.check(
    (body) => (body.psp_rrn === undefined) !== (body.client_rrn === undefined),
    'give exactly one of psp_rrn and client_rrn',
  ),
)

type Json = { ok: true; value: unknown } | { ok: false; response: Response }

const fail = (c: Context, status: ContentfulStatusCode, code: string, message: string) =>
  c.json({ error: { code, message } }, status)

/** Reads a JSON body; an empty body is `{}`. Anything else than JSON is refused with 415. */
async function readJson(c: Context): Promise<Json> {
  let raw: string
  try {
    raw = await c.req.text()
  } catch {
    return { ok: false, response: fail(c, 400, 'unreadable_body', 'the request body could not be read') }
  }
  if (raw.trim() === '') return { ok: true, value: {} }
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') {
    return {
      ok: false,
      response: fail(c, 415, 'unsupported_media_type', 'send JSON with Content-Type: application/json'),
    }
  }
  try {
    return { ok: true, value: JSON.parse(raw) }
  } catch {
    return { ok: false, response: fail(c, 400, 'invalid_json', 'the request body is not valid JSON') }
  }
}

/** A service as control endpoints show it: everything but the secret. */
const publicService = ({ secret: _secret, ...service }: Required<SandboxService>) => service

/** `/_sandbox/settle`, `/faults`, `/variant`, `/reset`, `/payments`, `/services`. */
export function controlRoutes(deps: SandboxDeps, control: SandboxControl) {
  const { state } = deps
  const app = new Hono()

  app.post('/settle', async (c) => {
    const body = await readJson(c)
    if (!body.ok) return body.response
    const parsed = v.safeParse(SettleSchema, body.value)
    if (!parsed.success)
      return fail(c, 400, 'validation', parsed.issues.map((issue) => issue.message).join('; '))
    const { outcome, ...which } = parsed.output
    try {
      return c.json({ payment: control.settle(which, outcome) })
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error
      return fail(c, error.reason === 'unknown' ? 404 : 409, `payment_${error.reason}`, error.message)
    }
  })
  app.all('/settle', methodNotAllowed(deps.base, 'POST'))

  app.get('/faults', (c) => c.json({ faults: state.faults }))
  app.put('/faults', async (c) => {
    const body = await readJson(c)
    if (!body.ok) return body.response
    const parsed = parseFaults(body.value)
    if (!parsed.ok) return fail(c, 400, 'validation', parsed.message)
    control.setFaults(parsed.faults)
    return c.json({ faults: state.faults })
  })
  app.delete('/faults', (c) => {
    control.clearFaults()
    return c.json({ faults: null })
  })
  app.all('/faults', methodNotAllowed(deps.base, 'GET, PUT, DELETE'))

  app.get('/variant', (c) => c.json({ variant: state.variant }))
  app.put('/variant', async (c) => {
    const body = await readJson(c)
    if (!body.ok) return body.response
    const parsed = parseVariant(body.value)
    if (!parsed.ok) return fail(c, 400, 'validation', parsed.message)
    control.setVariant(parsed.variant)
    return c.json({ variant: state.variant })
  })
  app.all('/variant', methodNotAllowed(deps.base, 'GET, PUT'))

  app.post('/reset', (c) => {
    control.reset()
    return c.json({ ok: true })
  })
  app.all('/reset', methodNotAllowed(deps.base, 'POST'))

  app.get('/payments', (c) => {
    const { psp_rrn, client_rrn, service_id } = c.req.query()
    const payments = state
      .payments()
      .filter(
        (payment) =>
          (psp_rrn === undefined || payment.psp_rrn === psp_rrn) &&
          (client_rrn === undefined || payment.client_rrn === client_rrn) &&
          (service_id === undefined || payment.service_id === service_id),
      )
    return c.json({ payments })
  })
  app.all('/payments', methodNotAllowed(deps.base, 'GET'))

  app.get('/services', (c) => c.json({ services: state.services().map(publicService) }))
  app.post('/services', async (c) => {
    const body = await readJson(c)
    if (!body.ok) return body.response
    const list = Array.isArray(body.value) ? body.value : [body.value]
    try {
      return c.json({ services: state.addServices(list).map(publicService) }, 201)
    } catch (error) {
      return fail(c, 400, 'validation', error instanceof Error ? error.message : 'invalid service')
    }
  })
  app.all('/services', methodNotAllowed(deps.base, 'GET, POST'))

  return app
}
