import { describe, expect, it, vi } from 'vitest'
import { h, render } from './dom.ts'

const root = (): HTMLElement => document.createElement('div')

describe('render', () => {
  it('builds elements, attributes and text, skipping null, undefined and booleans', () => {
    const parent = root()
    render(h('p', { class: 'n', role: 'alert' }, 'a', null, false, true, undefined, [1, ['b']]), parent)
    expect(parent.innerHTML).toBe('<p class="n" role="alert">a1b</p>')
  })

  it('keeps an element that keeps its tag and place: focus survives a re-render', () => {
    const parent = root()
    document.body.append(parent)
    render(h('div', null, h('button', { type: 'button' }, 'Pay')), parent)
    const button = parent.querySelector('button') as HTMLButtonElement
    button.focus()
    render(h('div', null, h('button', { type: 'button', 'aria-busy': true }, 'Pay')), parent)
    expect(parent.querySelector('button')).toBe(button)
    expect(document.activeElement).toBe(button)
    parent.remove()
  })

  it('replaces an element whose tag changed and removes what is gone', () => {
    const parent = root()
    render(h('div', null, h('p', null, 'x'), h('i', null), 'tail'), parent)
    render(h('div', null, h('b', null, 'y')), parent)
    expect(parent.innerHTML).toBe('<div><b>y</b></div>')
  })

  it('maps props as Preact does: booleans, aria-* strings, removals', () => {
    const parent = root()
    render(h('button', { disabled: true, 'aria-busy': false, tabIndex: -1, title: 'x' }), parent)
    const button = parent.firstChild as HTMLButtonElement
    expect(button.disabled).toBe(true)
    expect(button.getAttribute('aria-busy')).toBe('false')
    expect(button.tabIndex).toBe(-1)
    render(h('button', { disabled: false, 'aria-busy': true }), parent)
    expect(button.disabled).toBe(false)
    expect(button.getAttribute('aria-busy')).toBe('true')
    expect(button.hasAttribute('title')).toBe(false)
    expect(button.hasAttribute('tabindex')).toBe(false)
  })

  it('sets handlers as properties and swaps or removes them', () => {
    const parent = root()
    const first = vi.fn()
    const second = vi.fn()
    render(h('button', { onClick: first }), parent)
    const button = parent.firstChild as HTMLButtonElement
    button.click()
    render(h('button', { onClick: second }), parent)
    button.click()
    render(h('button', null), parent)
    button.click()
    expect(first).toHaveBeenCalledTimes(1)
    expect(second).toHaveBeenCalledTimes(1)
    expect(button.hasAttribute('onclick')).toBe(false)
  })

  it('leaves unchanged text alone, so a live region is not read out again', () => {
    const parent = root()
    render(h('h2', { 'aria-live': 'polite' }, 'Title'), parent)
    const text = (parent.firstChild as HTMLElement).firstChild as Text
    const observer = new MutationObserver(() => {})
    observer.observe(parent, { subtree: true, characterData: true, childList: true })
    render(h('h2', { 'aria-live': 'polite' }, 'Title'), parent)
    expect(observer.takeRecords()).toEqual([])
    render(h('h2', { 'aria-live': 'polite' }, 'Other'), parent)
    expect(text.data).toBe('Other')
  })
})
