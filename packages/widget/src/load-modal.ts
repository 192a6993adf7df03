/**
 * Loads the modal (Preact and the dialog) for the ES module build and the tests: a dynamic
 * import the bundler splits off. The script-tag build swaps this file for `load-modal-script.ts`.
 */
import type { Locale } from '@portmanat-checkout/shared'
import type { ModalModule } from './modal-contract.ts'

let loading: Promise<ModalModule> | undefined

/** The modal module, loaded once (again after a failure); here every locale is in it. */
export const loadModal = (_locale: Locale): Promise<ModalModule> =>
  (loading ??= import('./modal/index.tsx').catch((error) => {
    loading = undefined
    throw error
  }))
