/**
 * The sandbox's public types: services, options, variants, faults and recorded payments.
 */
import type { Hono } from 'hono'

/** A partner service as the PSP knows it (entered once in the partner panel). */
export interface SandboxService {
  service_id: string
  /** HMAC key of `hash`; never shown in a page, a response or an error message. */
  secret: string
  title: string
  /** Where the buyer's browser goes after the bank page; `''` shows the sandbox's own result page. */
  callback_url: string
  /** @default 'GET' */
  callback_method?: 'GET' | 'POST'
  /** Reported as `service.test` in the `service` variant of `/check`. @default true */
  test?: boolean
}

/** Shapes of `/check` answers seen in the wild (see PROTOCOL.md). */
export interface CheckVariant {
  /** Name of the timestamp object in `body`. @default 'date' */
  dateField?: 'date' | 'created_at'
  /**
   * `code` as a JSON string or number everywhere. Unset: as documented, a string on `OK`
   * answers (`"0"`) and a number on `BAD` answers (`10`, `20`).
   */
  code?: 'string' | 'number'
  /** Add `body.service` `{id, title, test, status}`. @default false */
  service?: boolean
}

/** Faults injected into `/check` (and latency into `/process`), for tests. */
export interface Faults {
  /** Added latency in milliseconds on `/check` and `/process`. */
  latencyMs?: number
  /** Answer `/check` with this status and a proxy's error page. */
  status?: 500 | 502 | 503 | 504
  /** Answer `/check` with 200 and a JSON text cut short. */
  malformed?: boolean
  /** Close the connection without an answer. */
  drop?: boolean
  /** Never answer, until the client gives up (capped, see `maxHangMs`). */
  hang?: boolean
  /** Apply only to the next `times` requests, then clear. Unset: until cleared. */
  times?: number
}

export type PaymentStatus = 'created' | 'pending' | 'paid' | 'failed'

/** A payment as the sandbox recorded it. */
export interface SandboxPayment {
  psp_rrn: string
  bank_rrn: string
  service_id: string
  client_rrn: string
  /** Canonical decimal string (`5.23`). */
  amount: string
  client_ip: string
  /** `created` while the buyer is still on the pages; a due pending payment reads `paid`. */
  status: PaymentStatus
  /** ISO 8601 UTC. */
  created_at: string
  updated_at: string
  /** When a pending payment turns paid by itself (ISO 8601 UTC). */
  pending_until?: string
  /** Last four digits of the card used. */
  card_last4?: string
}

export interface SandboxOptions {
  /** Services known at start (and after `reset`). @default [] */
  services?: SandboxService[]
  /** Where the app is mounted, e.g. `'/sandbox'`; used in every link, form action and asset URL. @default '' */
  basePath?: string
  /** How long the pending test card stays pending. @default 60_000 */
  pendingDelayMs?: number
  /** Shape of `/check` answers. @default {} (as documented) */
  variant?: CheckVariant
  /** Faults active from the start (and after `reset`). */
  faults?: Faults
  /** JSON file holding payments and settings across restarts; unset keeps state in memory. */
  stateFile?: string
  /** The clock (pending delay, timestamps, card expiry). @default () => new Date() */
  now?: () => Date
  /** Longest a `hang` fault holds a request before dropping it. @default 300_000 */
  maxHangMs?: number
}

/** Test controls, the same as the `/_sandbox/…` endpoints. */
export interface SandboxControl {
  /** Adds services or replaces those with the same `service_id`; throws on an invalid one. */
  addService(...services: SandboxService[]): void
  /** Settles a created or pending payment; throws when it is unknown or already final. */
  settle(
    which: { psp_rrn?: string; client_rrn?: string; service_id?: string },
    outcome: 'paid' | 'failed',
  ): SandboxPayment
  setFaults(faults: Faults): void
  clearFaults(): void
  setVariant(variant: CheckVariant): void
  /** Back to the state `createSandbox` made: its services, variant and faults, no payments. */
  reset(): void
  payments(): SandboxPayment[]
}

/** One sandbox instance: the app to serve or mount, and its test controls. */
export interface Sandbox {
  app: Hono
  control: SandboxControl
}
