/**
 * The rules of a modal dialog the platform leaves to us, after every render of the checkout:
 * the dialog opens in the top layer, and focus goes in; the page behind does not scroll
 * (`scroll-lock.ts`).
 */

/**
 * After every render: opens the dialog in the container as a modal, and moves focus in when
 * nothing inside has it (or a control that went away or was disabled had it): to the primary
 * action, else the dialog itself — never to Cancel, so a second Enter on Pay cancels nothing.
 */
export function showDialog(container: HTMLElement): void {
  const dialog = container.querySelector('dialog')
  if (!dialog) return
  // showModal() focuses the first control it finds (the × button): not where focus belongs.
  const opening = !dialog.open
  if (opening) dialog.showModal()
  // (`contains(null)` is false: nothing focused reads as focus outside.)
  const active = (dialog.getRootNode() as ShadowRoot).activeElement
  if (opening || active === dialog || !dialog.contains(active) || (active as HTMLButtonElement).disabled)
    (dialog.querySelector<HTMLElement>('.p') ?? dialog).focus()
}
