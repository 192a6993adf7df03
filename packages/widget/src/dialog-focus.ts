/**
 * The modal's keyboard and focus rules: Tab and Shift+Tab cycle inside it, Escape closes it,
 * focus moves in when it opens and goes back when it closes.
 */

/** Escape closes; Tab and Shift+Tab go round the enabled buttons, the same in every browser. */
export function onDialogKey(event: KeyboardEvent, close: () => void): void {
  const dialog = event.currentTarget as HTMLElement
  if (event.key === 'Escape') {
    event.stopPropagation()
    close()
  }
  if (event.key !== 'Tab') return
  event.preventDefault()
  const items = [...dialog.querySelectorAll('button')].filter((item) => !item.disabled)
  const count = items.length
  const index = items.indexOf((dialog.getRootNode() as ShadowRoot).activeElement as HTMLButtonElement)
  ;(items[event.shiftKey ? (index > 0 ? index : count) - 1 : (index + 1) % count] ?? dialog).focus()
}

/**
 * After a render: focus moves into the dialog when it opens (to the first `data-f=true`
 * button, else the dialog itself), moves again when the focused control went away or was
 * disabled (never away from a control the buyer chose), and goes back when it closes.
 *
 * @param opened whether the dialog was there before the render
 * @param opener where focus goes back when there is no Pay button
 */
export function keepFocus(root: ShadowRoot, opened: boolean, opener: Element | null): void {
  const dialog = root.querySelector<HTMLElement>('[role=dialog]')
  const active = root.activeElement as HTMLButtonElement | null
  if (dialog && (!active || active === dialog || !dialog.contains(active) || active.disabled))
    (dialog.querySelector<HTMLElement>('[data-f=true]:not(:disabled)') ?? dialog).focus()
  const back = root.querySelector('button') ?? opener
  if (opened && !dialog && back instanceof HTMLElement) back.focus()
}
