/**
 * The modal's frame: backdrop, `role="dialog"`, focus moved in and kept in (Tab and Shift+Tab
 * cycle), Escape and a backdrop click to close, focus handed back on unmount. A class component
 * on purpose: Preact's core has classes, and leaving out preact/hooks keeps ~1 KB off the bundle.
 */
import { Component, type ComponentChildren, createRef } from 'preact'

export interface DialogFrameProps {
  labelledBy: string
  describedBy: string
  /** Language of the dialog's text, for screen readers' pronunciation. */
  lang: string
  /** False while the form POST is on its way: Escape and the backdrop do nothing then. */
  closable: boolean
  onClose: () => void
  /** Where focus goes when the dialog closes. @default the element focused when it opened */
  returnFocus?: (() => HTMLElement | null | undefined) | undefined
  children: ComponentChildren
}

const FOCUSABLE = 'button:not(:disabled),a[href],input:not(:disabled),[tabindex]:not([tabindex="-1"])'

const activeIn = (node: Node): Element | null => {
  const root = node.getRootNode()
  return root instanceof ShadowRoot || root instanceof Document ? root.activeElement : null
}

export class DialogFrame extends Component<DialogFrameProps> {
  private dialog = createRef<HTMLDivElement>()
  private opener: Element | null = null

  override componentDidMount(): void {
    const dialog = this.dialog.current
    if (dialog) this.opener = activeIn(dialog) ?? document.activeElement
    this.focusIn()
  }

  // A phase change can remove the focused button (Confirm while submitting), and focus parked
  // on the dialog itself while loading belongs on the new primary action: move it, but never
  // away from a control the user chose.
  override componentDidUpdate(): void {
    const dialog = this.dialog.current
    const active = dialog && activeIn(dialog)
    if (!active || active === dialog || !dialog.contains(active)) this.focusIn()
  }

  override componentWillUnmount(): void {
    const target = this.props.returnFocus?.() ?? this.opener
    if (target instanceof HTMLElement && target.isConnected) target.focus()
  }

  private focusIn(): void {
    const dialog = this.dialog.current
    if (dialog) (dialog.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)') ?? dialog).focus()
  }

  private onKeyDown = (event: KeyboardEvent): void => {
    const dialog = this.dialog.current
    if (!dialog) return
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      if (this.props.closable) this.props.onClose()
      return
    }
    if (event.key !== 'Tab') return
    // Moving focus ourselves rather than only at the ends keeps the order inside the shadow
    // root the same in every browser.
    event.preventDefault()
    const items = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE))
    const active = activeIn(dialog)
    const index = active instanceof HTMLElement ? items.indexOf(active) : -1
    const count = items.length
    const next = event.shiftKey ? (index <= 0 ? count - 1 : index - 1) : (index + 1) % count
    ;(items[next] ?? dialog).focus()
  }

  private onBackdrop = (event: MouseEvent): void => {
    if (event.target === event.currentTarget && this.props.closable) this.props.onClose()
  }

  override render({ labelledBy, describedBy, lang, children }: DialogFrameProps) {
    return (
      // The keyboard twin of a backdrop click is Escape, handled on the dialog.
      // biome-ignore lint/a11y/useKeyWithClickEvents: see above
      // biome-ignore lint/a11y/noStaticElementInteractions: see above
      <div class="backdrop" onClick={this.onBackdrop}>
        <div
          ref={this.dialog}
          class="dialog"
          lang={lang}
          role="dialog"
          aria-modal="true"
          aria-labelledby={labelledBy}
          aria-describedby={describedBy}
          tabIndex={-1}
          onKeyDown={this.onKeyDown}
        >
          {children}
        </div>
      </div>
    )
  }
}
