/**
 * One checkout surface in a shadow root, shared by `<portmanat-checkout>` and `open()`: the root
 * with the loader's sheet, the events, and the modal chunk mounted on first use.
 */
import type { Locale } from '@portmanat-checkout/shared'
import type { Callbacks } from './events.ts'
import { loadModal } from './load-modal.ts'
import css from './loader.css?inline'
import type { ModalController, ModalHost } from './modal-contract.ts'
import { PREFIX } from './options.ts'
import { adopt } from './sheet.ts'

interface Surface {
  /** The shadow root: the loader draws the Pay button and its notice here, the modal beside them. */
  root: ShadowRoot
  emit: ModalHost['emit']
  /**
   * The modal of this surface in `locale`, loaded and mounted on first use. When the chunk does
   * not load, says so in the console and with `portmanat:error`, and rejects.
   */
  modal(locale: Locale): Promise<ModalController>
  /** Stops every modal mounted here. */
  reset(): void
}

/**
 * Attaches an open shadow root to `host`. Open rather than closed: a closed root protects
 * nothing from a script on the same page, and would hide the widget from accessibility tools
 * and the shop's own end-to-end tests.
 */
export function attach(
  host: HTMLElement,
  callbacks: Callbacks,
  modalHost: Pick<ModalHost, 'busy' | 'idle' | 'restart'>,
): Surface {
  const root = host.attachShadow({ mode: 'open' })
  adopt(root, css)
  // One per locale: each locale's chunk renders with its own Preact, into its own container.
  const mounted: Partial<Record<Locale, Promise<ModalController>>> = {}
  const emit: ModalHost['emit'] = (name, detail) => {
    host.dispatchEvent(
      new CustomEvent(`portmanat:${name.toLowerCase()}`, { detail, bubbles: true, composed: true }),
    )
    callbacks[`on${name}` as 'onSuccess']?.(detail)
  }
  return {
    root,
    emit,
    modal: (locale) =>
      (mounted[locale] ??= loadModal(locale).then(
        (module) => {
          const container = root.appendChild(document.createElement('div'))
          return module.mountModal({ ...modalHost, container, emit })
        },
        (reason) => {
          mounted[locale] = undefined
          const message = `the checkout could not load: ${reason}`
          console.error(PREFIX, message)
          emit('Error', { error: { kind: 'network', message } })
          throw reason
        },
      )),
    reset: () => {
      for (const modal of Object.values(mounted))
        modal.then(
          (controller) => controller.reset(),
          () => {},
        )
    },
  }
}
