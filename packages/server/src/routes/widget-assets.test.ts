import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness } from '../testing/harness.ts'
import { builtWidget, widgetFromFile } from '../widget-source.ts'

const [store] = storeFactories
if (!store) throw new Error('no store engine')

const CODE = '(()=>{console.log("widget")})();\n'

function fixture() {
  const file = join(mkdtempSync(join(tmpdir(), 'widget-')), 'widget.js')
  writeFileSync(file, CODE)
  return widgetFromFile(file, '1.2.3')
}

describe('widget assets', () => {
  it('/widget.js: the bundle with a strong ETag, short cache, CORS * and cross-origin CORP', async () => {
    const h = await createHarness({ store, widget: fixture() })
    const res = await h.request('/widget.js')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(CODE)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/)
  })

  it('answers 304 to a matching If-None-Match', async () => {
    const h = await createHarness({ store, widget: fixture() })
    const etag = (await h.request('/widget.js')).headers.get('etag') ?? ''
    const res = await h.request('/widget.js', { headers: { 'if-none-match': etag } })
    expect(res.status).toBe(304)
    expect(await res.text()).toBe('')
  })

  it('/widget/{version}/widget.js is immutable; other versions 404', async () => {
    const h = await createHarness({ store, widget: fixture() })
    const res = await h.request('/widget/1.2.3/widget.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await h.request('/widget/9.9.9/widget.js')).status).toBe(404)
  })

  it('/widget/manifest.json publishes the SHA-384 of the served bytes', async () => {
    const h = await createHarness({ store, widget: fixture() })
    const manifest = (await (await h.request('/widget/manifest.json')).json()) as Record<string, string>
    const digest = createHash('sha384').update(CODE).digest('base64')
    expect(manifest).toEqual({
      version: '1.2.3',
      url: 'http://127.0.0.1:8787/widget/1.2.3/widget.js',
      integrity: `sha384-${digest}`,
    })
  })

  it('answers 503 JSON while the widget is not built', async () => {
    const h = await createHarness({ store, widget: { load: () => undefined } })
    for (const path of ['/widget.js', '/widget/manifest.json', '/widget/0.1.0/widget.js']) {
      const res = await h.request(path)
      expect(res.status).toBe(503)
      // Readable from a merchant page too, so its console shows the 503 and not a blocked load.
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
      expect(await res.json()).toEqual({
        error: { code: 'unavailable', message: 'widget not built: run pnpm build' },
      })
    }
  })

  it('finds the widget package and its version', () => {
    const require = createRequire(import.meta.url)
    const manifest = require.resolve('@portmanat-checkout/widget/package.json')
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }
    const asset = builtWidget().load()
    // The bundle exists only after `pnpm build`; when it does, it carries the package version.
    if (asset) expect(asset.version).toBe(version)
  })
})
