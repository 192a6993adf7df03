/**
 * The widget's JSX renderer: `h` builds plain nodes, `render` patches a shadow root to match
 * them, reusing each element that keeps its tag at its position (so focus and the live region
 * survive a re-render). It replaces Preact in the script (Preact alone was 4.3 KB of the 8 KB
 * budget): the view is one small tree of HTML elements with no components, keys, refs, styles
 * or SVG, which is all this supports. Preact's JSX types still check the props.
 */
import type { JSX as PreactJSX } from 'preact'

/** An element to render: tag, props and children. */
export interface VNode {
  t: string
  p: Props | null
  c: Child[]
}

type Props = Record<string, unknown>
type Leaf = VNode | string | number | boolean | null | undefined
type Child = Leaf | Child[]

/** The JSX factory (classic runtime). */
export const h = (t: string, p: Props | null, ...c: Child[]): VNode => ({ t, p, c })

export declare namespace h {
  namespace JSX {
    type Element = VNode
    interface IntrinsicElements extends PreactJSX.IntrinsicElements {}
  }
}

/** The props each element was last rendered with. */
const rendered = new WeakMap<Node, Props>()

/**
 * Sets a prop as Preact would for these elements: `on*` as the event handler property (no
 * inline script: CSP-safe), `false`/`null` removes an attribute (`aria-*` keep `"false"`),
 * `true` is an empty boolean attribute.
 */
function set(element: Element, name: string, value: unknown): void {
  const aria = name[4] === '-'
  if (name[0] === 'o' && name[1] === 'n') (element as unknown as Props)[name.toLowerCase()] = value ?? null
  else if (value == null || (value === false && !aria)) element.removeAttribute(name)
  else element.setAttribute(name, value === true && !aria ? '' : `${value}`)
}

/** Makes `parent`'s children match `children`, in place. */
export function render(children: Child, parent: Node): void {
  const nodes = parent.childNodes
  let index = 0
  for (const child of [children].flat(9 as 1) as Leaf[]) {
    if (child == null || typeof child === 'boolean') continue
    let node: Node | undefined = nodes[index++]
    if (typeof child === 'object') {
      if ((node as Element | undefined)?.localName !== child.t)
        node = parent.insertBefore(document.createElement(child.t), node ?? null)
      const element = node as Element
      const before = rendered.get(element) ?? {}
      const props = child.p ?? {}
      for (const name in before) if (!(name in props)) set(element, name, null)
      for (const name in props) if (props[name] !== before[name]) set(element, name, props[name])
      rendered.set(element, props)
      render(child.c, element)
      continue
    }
    const text = `${child}`
    // Unchanged text stays untouched: rewriting it would make screen readers read it again.
    if (node?.nodeType !== 3) parent.insertBefore(document.createTextNode(text), node ?? null)
    else if ((node as Text).data !== text) (node as Text).data = text
  }
  while (nodes.length > index) (parent.lastChild as ChildNode).remove()
}
