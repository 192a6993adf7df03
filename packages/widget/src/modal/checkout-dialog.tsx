/**
 * The modal frame: a native modal `<dialog>` in the top layer (the page behind it is inert, and
 * no transform, `z-index` or `overflow` of the shop's page can cut it), its close button, mark
 * and title. What the platform leaves to us: Escape, the × button and a backdrop click close it
 * through the state machine (which refuses while the form is on its way), focus goes in when it
 * opens or loses its focused control (`showDialog`), and the page behind does not scroll
 * (`scroll-lock.ts`).
 */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime)
import { type ComponentChildren, h } from 'preact'

export interface CheckoutDialogProps {
  lang: string
  title: string
  /** The × button's label; absent while nothing may close the dialog. */
  closeLabel: string | undefined
  onClose(): void
  /** The mark above the title. */
  mark: ComponentChildren
  children: ComponentChildren
}

export const CheckoutDialog = ({ lang, title, closeLabel, onClose, mark, children }: CheckoutDialogProps) => (
  <dialog
    lang={lang}
    aria-labelledby="t"
    aria-describedby="d"
    tabIndex={-1}
    // The dialog itself is only its backdrop: its content is the box inside. The second click of
    // a double click on Pay lands there and must not close it.
    onClick={(event) => event.target === event.currentTarget && event.detail < 2 && onClose()}
    // Escape is ours (the platform's would close it even while the form is on its way); other
    // close requests (Android's back) arrive as `close`, and the state machine may reopen it.
    onKeyDown={(event) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        onClose()
      }
    }}
    onClose={onClose}
  >
    <div>
      {closeLabel && (
        <button type="button" class="x" aria-label={closeLabel} onClick={onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      )}
      {mark}
      {/* The title is the polite live region: every phase change is read out. */}
      <h2 id="t" aria-live="polite">
        {title}
      </h2>
      {children}
    </div>
  </dialog>
)

/**
 * After every render: opens the dialog in the container as a modal, and moves focus in when
 * nothing inside has it (or a control that went away or was disabled had it) — to the primary
 * action, else the first button; to the dialog itself while `hold` (only Cancel is there, so a
 * second Enter on Pay cannot cancel).
 */
export function showDialog(container: HTMLElement, hold: boolean): void {
  const dialog = container.querySelector('dialog')
  if (!dialog) return
  // showModal() focuses the first control it finds (the × button): not where focus belongs.
  const opening = !dialog.open
  if (opening) dialog.showModal()
  const active = (dialog.getRootNode() as ShadowRoot).activeElement
  if (
    opening ||
    !active ||
    active === dialog ||
    !dialog.contains(active) ||
    (active as HTMLButtonElement).disabled
  )
    (dialog.querySelector<HTMLElement>(hold ? '.n .p' : '.n .p,.n button') ?? dialog).focus()
}
