/**
 * What `createApp` needs from outside, and the defaults that make most of it optional.
 */
import type { Config } from './config.ts'
import type { RemoteAddress } from './http/client-ip.ts'
import { nodeRemoteAddress } from './http/client-ip.ts'
import { createLogger, type Logger } from './logger.ts'
import { noticeSenders, noticeWants } from './notices/index.ts'
import type { Channel, Route, Sender } from './outbox/types.ts'
import { webhookSender } from './outbox/webhook.ts'
import type { CheckDeps } from './payments/check-attempt.ts'
import { singleFlight } from './payments/single-flight.ts'
import type { PspClient } from './psp/client.ts'
import { pooledRandom } from './random-pool.ts'
import type { Store } from './store/types.ts'
import type { WidgetSource } from './widget-source.ts'

/** Dependencies of {@link createApp}; tests inject every one of them. */
export interface AppDeps {
  store: Store
  psp: PspClient
  /** @default () => new Date() */
  clock?: () => Date
  /** @default a pino logger at `config.logLevel` on stdout */
  logger?: Logger
  /** Cryptographically random bytes. @default node:crypto, pooled */
  random?: (n: number) => Uint8Array
  /** The socket peer of a request. @default @hono/node-server's getConnInfo */
  remoteAddress?: RemoteAddress
  /** Senders replacing those the configuration names, by channel (tests). */
  senders?: Partial<Record<Channel, Sender>>
  /** Where `/widget.js` comes from. @default the built `@portmanat-checkout/widget` */
  widget?: WidgetSource
  /** The PSP emulator to mount at `/sandbox` (sandbox mode). */
  sandbox?: { app: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> } }
}

/** Dependencies with the defaults filled in. */
export interface Services extends CheckDeps {
  random: (n: number) => Uint8Array
  remoteAddress: RemoteAddress
  /** The outbox channels configured: how each sends and what it wants. */
  routes: readonly Route[]
  /** Lets a worker started later hear {@link CheckDeps.wakeOutbox}. */
  onOutboxWake(listener: () => void): void
}

const everyEvent = () => true

/** The channels the configuration (or the tests' senders) turn on. */
function routesOf(config: Config, senders: AppDeps['senders'] = {}): Route[] {
  const routes: Route[] = []
  const webhook =
    senders.webhook ??
    (config.webhook ? webhookSender({ url: config.webhook.url, secrets: config.webhook.secrets }) : undefined)
  if (webhook) routes.push({ channel: 'webhook', wants: everyEvent, send: webhook })
  const notices = noticeSenders(config.notices, {
    dashboardUrl: config.dashboardPassword ? `${config.publicUrl}/dashboard` : null,
  })
  for (const channel of ['telegram', 'email'] as const) {
    const send = senders[channel] ?? notices[channel]
    if (send) routes.push({ channel, wants: (type) => noticeWants(channel, type), send })
  }
  return routes
}

const isResolved = (deps: AppDeps | Services): deps is Services => 'onOutboxWake' in deps && 'routes' in deps

/**
 * Fills in defaults; the result is also what the follow-up job and the outbox worker take. Given
 * services already resolved (with extra fields such as `sandbox` spread in), returns them as they are.
 */
export function resolveServices(config: Config, deps: AppDeps | Services): Services {
  if (isResolved(deps)) return deps
  const logger = deps.logger ?? createLogger(config.logLevel)
  const clock = deps.clock ?? (() => new Date())
  const random = deps.random ?? pooledRandom()
  const routes = routesOf(config, deps.senders)
  const listeners: (() => void)[] = []
  return {
    config,
    store: deps.store,
    psp: singleFlight(deps.psp),
    clock,
    logger,
    random,
    routes,
    messages: { routes, live: config.mode === 'live', random },
    wakeOutbox: () => {
      for (const listener of listeners) listener()
    },
    onOutboxWake: (listener) => {
      listeners.push(listener)
    },
    remoteAddress: deps.remoteAddress ?? nodeRemoteAddress,
  }
}
