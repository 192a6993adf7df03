/**
 * What `createApp` needs from outside, and the defaults that make most of it optional.
 */
import { randomBytes } from 'node:crypto'
import type { Config } from './config.ts'
import type { RemoteAddress } from './http/client-ip.ts'
import { nodeRemoteAddress } from './http/client-ip.ts'
import type { Ledger } from './ledger.ts'
import { createLogger, type Logger } from './logger.ts'
import type { PspClient } from './psp/client.ts'
import type { Store } from './store/types.ts'
import { createWebhooks, noWebhooks, type Webhooks } from './webhooks.ts'
import type { WidgetSource } from './widget-source.ts'

/** Dependencies of {@link createApp}; tests inject every one of them. */
export interface AppDeps {
  store: Store
  psp: PspClient
  /** @default () => new Date() */
  clock?: () => Date
  /** @default a pino logger at `config.logLevel` on stdout */
  logger?: Logger
  /** Cryptographically random bytes. @default node:crypto randomBytes */
  random?: (n: number) => Uint8Array
  /** The socket peer of a request. @default @hono/node-server's getConnInfo */
  remoteAddress?: RemoteAddress
  /** @default webhooks to `config.webhook`, or none */
  webhooks?: Webhooks
  /** Where `/widget.js` comes from. @default the built `@portmanat-checkout/widget` */
  widget?: WidgetSource
  /** The PSP emulator to mount at `/sandbox` (sandbox mode). */
  sandbox?: { app: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> } }
}

/** Dependencies with the defaults filled in. */
export interface Services extends Ledger {
  psp: PspClient
  random: (n: number) => Uint8Array
  remoteAddress: RemoteAddress
}

/** Fills in defaults; the result is also what {@link runFollowUp} takes. */
export function resolveServices(config: Config, deps: AppDeps): Services {
  const logger = deps.logger ?? createLogger(config.logLevel)
  const clock = deps.clock ?? (() => new Date())
  const random = deps.random ?? ((n: number) => new Uint8Array(randomBytes(n)))
  const webhooks =
    deps.webhooks ??
    (config.webhook
      ? createWebhooks({ url: config.webhook.url, secret: config.webhook.secret, logger, clock, random })
      : noWebhooks)
  return {
    config,
    store: deps.store,
    psp: deps.psp,
    clock,
    logger,
    random,
    webhooks,
    remoteAddress: deps.remoteAddress ?? nodeRemoteAddress,
  }
}
