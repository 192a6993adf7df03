/**
 * Sandbox mode: the PSP emulator mounted at `/sandbox` with the demo service, whose callback is
 * this server. `/check` goes to the emulator in process, so sandbox mode works the same behind
 * any proxy or `PUBLIC_URL`.
 */
import { createSandbox, DEMO_SERVICE, type Sandbox } from '@portmanat-checkout/sandbox'
import type { Config } from './config.ts'
import { createPspClient, type PspClient } from './psp/client.ts'

export interface SandboxMode {
  sandbox: Sandbox
  psp: PspClient
}

/** Where in-process `/check` requests are addressed; never resolved on the network. */
const INTERNAL = 'http://sandbox.internal'

export function createSandboxMode(
  config: Config,
  options: { pendingDelayMs?: number; now?: () => Date } = {},
): SandboxMode {
  const sandbox = createSandbox({
    services: [{ ...DEMO_SERVICE, callback_url: `${config.publicUrl}/api/callback` }],
    basePath: '/sandbox',
    ...(config.sandboxStateFile ? { stateFile: config.sandboxStateFile } : {}),
    ...options,
  })
  const inProcess = config.pspUrl === `${config.publicUrl}/sandbox`
  const psp = inProcess
    ? createPspClient({
        baseUrl: INTERNAL,
        fetch: (input, init) => Promise.resolve(sandbox.app.fetch(new Request(input, init))),
      })
    : createPspClient({ baseUrl: config.pspUrl })
  return { sandbox, psp }
}
