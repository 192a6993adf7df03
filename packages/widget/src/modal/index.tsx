/**
 * @module modal
 * The modal chunk: Preact, the checkout dialog and its sheet. The loader fetches it when the
 * buyer reaches for a button or the page is idle, and mounts one per surface.
 */
import { adopt } from '../kit.ts'
import type { ModalHost, ModalModule } from '../modal-contract.ts'
import { checkout } from './checkout.tsx'
import css from './modal.css?inline'

/** Adds the modal's sheet to the surface and runs checkouts in it. */
export const mountModal: ModalModule['mountModal'] = (host: ModalHost) => {
  adopt(host.container.getRootNode() as ShadowRoot, css)
  return checkout(host)
}
