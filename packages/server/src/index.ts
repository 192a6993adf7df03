/**
 * @module @portmanat-checkout/server
 * The self-hosted signing server: `createApp(config, deps)` builds the Hono app, `loadConfig()`
 * reads the environment; `serve.ts` is the `pnpm start` entry.
 */
export { type AppType, createApp } from './app.ts'
export type { Catalog, CatalogItem } from './catalog.ts'
export { DEMO_CATALOG, parseCatalog } from './catalog.ts'
export { type Config, ConfigError, type Env, type LogLevel, loadConfig, readEnvironment } from './config.ts'
export { type AppDeps, resolveServices, type Services } from './deps.ts'
export { createLogger } from './logger.ts'
export type { DeliveryOutcome, EventData, OrderEvent as WebhookEvent, Route, Sender } from './outbox/types.ts'
export { webhookSender, webhookSignature } from './outbox/webhook.ts'
export { type OutboxWorker, startOutbox } from './outbox/worker.ts'
export { type FollowUpDeps, type FollowUpJob, runFollowUp, startFollowUp } from './payments/follow-up.ts'
export { createPspClient, type PspClient, type PspClientOptions } from './psp/client.ts'
export { signProcess } from './psp/sign.ts'
export { createSandboxMode } from './sandbox-mode.ts'
export { Secret } from './secret.ts'
export { type Listening, listen } from './server.ts'
export { createStore, StoreBusyError } from './store/index.ts'
export type { Order, OrderEvent, Store } from './store/types.ts'
export { builtWidget, type WidgetBundle, type WidgetSource, widgetFromDist } from './widget-source.ts'
