/**
 * The modal frame: backdrop, dialog, close button, and the rules of a modal dialog. Focus moves
 * in when the dialog opens or loses its focused control (to the primary action, else the first
 * button; to the dialog itself while Cancel is all there is, so a second Enter on Pay cannot
 * cancel), Tab and Shift+Tab go round its buttons, Escape and a backdrop click close it, and the
 * page behind it does not scroll.
 */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (classic runtime)
import { Component, type ComponentChildren, h } from 'preact'
import { lockScroll } from './scroll-lock.ts'

export interface CheckoutDialogProps {
  lang: string
  title: string
  /** The × button's label; absent while nothing may close the dialog. */
  closeLabel: string | undefined
  onClose(): void
  /** Focus the dialog, not a button, while only Cancel is there. */
  holdFocus: boolean
  /** The mark above the title. */
  mark: ComponentChildren
  children: ComponentChildren
}

/** The × glyph. */
const CROSS = 'M6 6l12 12M18 6L6 18'

export class CheckoutDialog extends Component<CheckoutDialogProps> {
  unlock = lockScroll()

  override componentDidMount(): void {
    this.componentDidUpdate()
  }

  override componentDidUpdate(): void {
    const dialog = this.base?.firstChild as HTMLElement | null
    const root = dialog?.getRootNode() as ShadowRoot | undefined
    const active = root?.activeElement as HTMLButtonElement | null | undefined
    if (dialog && (!active || active === dialog || !dialog.contains(active) || active.disabled))
      (
        dialog.querySelector<HTMLElement>(this.props.holdFocus ? '.n .p' : '.n .p,.n button') ?? dialog
      ).focus()
  }

  override componentWillUnmount(): void {
    this.unlock()
  }

  /** Escape closes; Tab and Shift+Tab go round the buttons, the same in every browser. */
  onKey = (event: KeyboardEvent): void => {
    const dialog = event.currentTarget as HTMLElement
    if (event.key === 'Escape') this.props.onClose()
    if (event.key === 'Tab') {
      event.preventDefault()
      const items = [...dialog.querySelectorAll<HTMLElement>('button')]
      const index = items.indexOf((dialog.getRootNode() as ShadowRoot).activeElement as HTMLElement)
      const count = items.length
      items[event.shiftKey ? (index > 0 ? index : count) - 1 : (index + 1) % count]?.focus()
    }
  }

  render({ lang, title, closeLabel, onClose, mark, children }: CheckoutDialogProps) {
    return (
      // The keyboard twin of a backdrop click is Escape, handled on the dialog. The second
      // click of a double click on Pay lands on the backdrop: it must not close the modal.
      // biome-ignore lint/a11y/useKeyWithClickEvents: see above
      // biome-ignore lint/a11y/noStaticElementInteractions: see above
      <div
        class="b"
        lang={lang}
        onClick={(event) => event.target === event.currentTarget && event.detail < 2 && onClose()}
      >
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby="t"
          aria-describedby="d"
          tabIndex={-1}
          onKeyDown={this.onKey}
        >
          {closeLabel && (
            <button type="button" class="x" aria-label={closeLabel} onClick={onClose}>
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d={CROSS} />
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
      </div>
    )
  }
}
