/**
 * @module @portmanat-checkout/shared
 * Types and pure helpers shared by the server, the sandbox and the widget: amounts, the PSP
 * protocol, `/check` parsing and our API's shapes. No Node or DOM APIs.
 */
export * from './amount.ts'
export * from './api.ts'
export * from './check.ts'
export * from './protocol.ts'
