/**
 * @module @portmanat-checkout/sandbox
 * An offline emulator of the Portmanat Card PSP (like stripe-mock for Stripe): `/process`, the
 * buyer's "check the data" page, a test bank page with test cards, the callback redirect and
 * `/check`, with `/check` variants, fault injection and test controls under `/_sandbox/…`.
 */
export { createSandbox } from './app.ts'
export { TEST_CARDS } from './cards.ts'
export { ConnectionDropped, FAULT_HEADER } from './faults.ts'
export { PSP_RRN_PATTERN } from './rrn.ts'
export { DEMO_SERVICE, loadServicesFile } from './services.ts'
export type {
  CheckVariant,
  Faults,
  PaymentStatus,
  Sandbox,
  SandboxControl,
  SandboxOptions,
  SandboxPayment,
  SandboxService,
} from './types.ts'
