// @vitest-environment node
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

describe('the ES module on a server', () => {
  it('imports without a DOM', async () => {
    expect(typeof globalThis.document).toBe('undefined')
    const widget = await import('./index.ts')
    expect(typeof widget.open).toBe('function')
    expect(typeof widget.define).toBe('function')
    expect(widget.version).toMatch(/^\d+\.\d+\.\d+/)
  })

  const built = new URL('../dist/esm/index.js', import.meta.url)
  it.skipIf(!existsSync(built))('imports the built dist/esm/index.js without a DOM', async () => {
    const widget = await import(/* @vite-ignore */ built.href)
    expect(Object.keys(widget).sort()).toEqual(['define', 'handleReturn', 'open', 'version'])
  })
})
