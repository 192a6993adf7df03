import { afterEach, describe, expect, it, vi } from 'vitest'

// embed.ts runs on import, like the <script> it becomes: each test loads fresh copies.
async function load(src: string) {
  const script = document.createElement('script')
  script.src = src
  vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script)
  vi.resetModules()
  await import('./embed.ts')
}

afterEach(() => vi.restoreAllMocks())

describe('the script-tag entry', () => {
  it('defines the element and one global, and a second load changes nothing', async () => {
    const before = new Set(Object.keys(window))
    await load('https://pay.example.az/widget.js')
    const api = window.PortmanatCheckout
    expect(Object.keys(window).filter((key) => !before.has(key))).toEqual(['PortmanatCheckout'])
    const element = customElements.get('portmanat-checkout')
    expect(element).toBeTruthy()
    await load('https://other.example.az/widget.js')
    expect(window.PortmanatCheckout).toBe(api)
    expect(customElements.get('portmanat-checkout')).toBe(element)
  })

  it('takes the endpoint from the origin the script was loaded from', async () => {
    await load('https://pay.example.az/widget/0.1.0/widget.js')
    const fetch = vi.fn(() => new Promise<Response>(() => {}))
    vi.stubGlobal('fetch', fetch)
    document.body.innerHTML = '<portmanat-checkout item="premium"></portmanat-checkout>'
    document.querySelector('portmanat-checkout')?.shadowRoot?.querySelector('button')?.click()
    await vi.waitFor(() =>
      expect(fetch).toHaveBeenCalledWith('https://pay.example.az/api/checkout', expect.anything()),
    )
    vi.unstubAllGlobals()
    document.body.replaceChildren()
  })
})
