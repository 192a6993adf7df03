/**
 * Assembles one sandbox instance: state, routes, error handling.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { assetRoutes } from './assets.ts'
import { controlRoutes, createControl } from './control.ts'
import type { SandboxDeps } from './deps.ts'
import { BODY_LIMIT_BYTES, methodNotAllowed, notFound, onError, tooLarge } from './errors.ts'
import { Hangs } from './faults.ts'
import { bankRoutes } from './routes/bank.ts'
import { checkRoutes } from './routes/check.ts'
import { processRoutes } from './routes/process.ts'
import { SandboxState } from './state.ts'
import type { Sandbox, SandboxOptions } from './types.ts'

const DEFAULT_HANG_CAP_MS = 5 * 60 * 1000

function normaliseBase(basePath: string): string {
  const base = basePath.replace(/\/+$/, '')
  if (base !== '' && !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(base)) {
    throw new Error(`invalid sandbox basePath "${basePath}": use '' or a path such as '/sandbox'`)
  }
  return base
}

function nonNegative(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`invalid sandbox ${name}: must be a whole number ≥ 0`)
  return value
}

/**
 * Creates a sandbox: a Hono app that emulates the Portmanat Card PSP, and its test controls.
 *
 * @example
 * const { app, control } = createSandbox({ services: [{ ...DEMO_SERVICE, callback_url: 'http://127.0.0.1:8787/api/callback' }] })
 * parent.route('/sandbox', createSandbox({ basePath: '/sandbox' }).app)
 */
export function createSandbox({
  services = [],
  basePath = '',
  pendingDelayMs = 60_000,
  variant = {},
  faults,
  stateFile,
  now = () => new Date(),
  maxHangMs = DEFAULT_HANG_CAP_MS,
}: SandboxOptions = {}): Sandbox {
  const base = normaliseBase(basePath)
  const state = new SandboxState({ services, variant, faults, stateFile, now })
  const deps: SandboxDeps = {
    state,
    base,
    pendingDelayMs: nonNegative('pendingDelayMs', pendingDelayMs),
    now,
    hangs: new Hangs(),
    maxHangMs: nonNegative('maxHangMs', maxHangMs),
  }
  const control = createControl(deps)

  const app = new Hono()
  app.use(bodyLimit({ maxSize: BODY_LIMIT_BYTES, onError: tooLarge(base) }))
  app.route('/', processRoutes(deps))
  app.route('/', bankRoutes(deps))
  app.route('/', checkRoutes(deps))
  app.route('/', assetRoutes())
  app.route('/_sandbox', controlRoutes(deps, control))
  app.all('/process', methodNotAllowed(base, 'POST'))
  app.all('/process/:action{continue|cancel}', methodNotAllowed(base, 'POST'))
  app.all('/bank', methodNotAllowed(base, 'GET, POST'))
  app.all('/check', methodNotAllowed(base, 'POST'))
  app.notFound(notFound(base))
  app.onError(onError(base))
  return { app, control }
}
