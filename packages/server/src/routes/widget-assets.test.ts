import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness } from '../testing/harness.ts'
import { builtWidget, widgetBundle, widgetFromDist } from '../widget-source.ts'
import { chooseEncoding } from './widget-assets.ts'

const [store] = storeFactories
if (!store) throw new Error('no store engine')

const LOADER = `(()=>{console.log("widget ${'x'.repeat(200)}")})();\n`
const CHUNK = '(()=>{console.log("modal")})();\n'

const fixture = () =>
  widgetBundle('1.2.3', { 'widget.js': Buffer.from(LOADER), 'modal-az-abc.js': Buffer.from(CHUNK) })

const harness = () => createHarness({ store, widget: { load: fixture } })

describe('widget assets', () => {
  it('/widget.js: the loader with a strong ETag, short cache, CORS * and cross-origin CORP', async () => {
    const h = await harness()
    const res = await h.request('/widget.js')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(LOADER)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('content-encoding')).toBeNull()
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    expect(res.headers.get('vary')).toContain('Accept-Encoding')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/)
  })

  it.each([
    ['br, gzip', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
    ['gzip;q=1, br;q=0', 'gzip', gunzipSync],
  ] as const)('sends the copy prepared for Accept-Encoding: %s → %s', async (accept, coding, decode) => {
    const h = await harness()
    const res = await h.request('/widget.js', { headers: { 'accept-encoding': accept } })
    expect(res.headers.get('content-encoding')).toBe(coding)
    const body = Buffer.from(await res.arrayBuffer())
    expect(decode(body).toString()).toBe(LOADER)
    expect(body.length).toBeLessThan(LOADER.length)
  })

  it('chooses by weight and wildcard', () => {
    expect(chooseEncoding(undefined)).toBe('identity')
    expect(chooseEncoding('identity')).toBe('identity')
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('*;q=0, gzip')).toBe('gzip')
    expect(chooseEncoding('BR;q=0.5')).toBe('br')
  })

  it('answers 304 to a matching If-None-Match, per coding', async () => {
    const h = await harness()
    const br = { 'accept-encoding': 'br' }
    const etag = (await h.request('/widget.js', { headers: br })).headers.get('etag') ?? ''
    const plain = (await h.request('/widget.js')).headers.get('etag')
    expect(etag).not.toBe(plain)
    const res = await h.request('/widget.js', { headers: { ...br, 'if-none-match': `W/${etag}` } })
    expect(res.status).toBe(304)
    expect(await res.text()).toBe('')
    // The identity copy's ETag does not stand for the brotli one.
    expect((await h.request('/widget.js', { headers: { ...br, 'if-none-match': plain ?? '' } })).status).toBe(
      200,
    )
  })

  it('/widget/{version}/… holds the loader and the chunks, immutable; other versions and files 404', async () => {
    const h = await harness()
    for (const [path, body] of [
      ['/widget/1.2.3/widget.js', LOADER],
      ['/widget/1.2.3/modal-az-abc.js', CHUNK],
    ]) {
      const res = await h.request(path ?? '')
      expect(res.status).toBe(200)
      expect(await res.text()).toBe(body)
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
    }
    expect((await h.request('/widget/9.9.9/widget.js')).status).toBe(404)
    expect((await h.request('/widget/1.2.3/nothing.js')).status).toBe(404)
    expect((await h.request('/widget/1.2.3/manifest.json')).status).toBe(404)
  })

  it('/widget/manifest.json publishes the SHA-384 of the served loader', async () => {
    const h = await harness()
    const manifest = (await (await h.request('/widget/manifest.json')).json()) as Record<string, string>
    const digest = createHash('sha384').update(LOADER).digest('base64')
    expect(manifest).toEqual({
      version: '1.2.3',
      url: 'http://127.0.0.1:8787/widget/1.2.3/widget.js',
      integrity: `sha384-${digest}`,
    })
  })

  it("carries the security headers of a script, with the app's HSTS only over https", async () => {
    const http = await (await harness()).request('/widget.js')
    expect(http.headers.get('x-content-type-options')).toBe('nosniff')
    expect(http.headers.get('strict-transport-security')).toBeNull()
    const https = await createHarness({
      store,
      widget: { load: fixture },
      env: { PUBLIC_URL: 'https://pay.example.az' },
    })
    const script = await https.request('/widget/1.2.3/widget.js')
    const page = await https.request('/healthz')
    expect(script.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    expect(script.headers.get('strict-transport-security')).toBe(
      page.headers.get('strict-transport-security'),
    )
    expect(script.headers.get('x-content-type-options')).toBe('nosniff')
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    // Framing and referrers are a page's concern; a script is not a page.
    expect(script.headers.get('x-frame-options')).toBeNull()
    expect(script.headers.get('referrer-policy')).toBeNull()
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

  it('reads a build from its manifest, with the copies prepared beside each file', () => {
    const dist = mkdtempSync(join(tmpdir(), 'widget-'))
    writeFileSync(
      join(dist, 'manifest.json'),
      JSON.stringify({ version: '2.0.0', files: { 'widget.js': {} } }),
    )
    writeFileSync(join(dist, 'widget.js'), LOADER)
    writeFileSync(join(dist, 'widget.js.br'), 'prepared brotli')
    const bundle = widgetFromDist(dist).load()
    expect(bundle?.version).toBe('2.0.0')
    expect(Buffer.from(bundle?.files.get('widget.js')?.body.br ?? []).toString()).toBe('prepared brotli')
    // No gzip copy: made once, here.
    expect(gunzipSync(bundle?.files.get('widget.js')?.body.gzip ?? new Uint8Array()).toString()).toBe(LOADER)
  })

  it('finds the widget package and its version', () => {
    const require = createRequire(import.meta.url)
    const manifest = require.resolve('@portmanat-checkout/widget/package.json')
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }
    const bundle = builtWidget().load()
    // The bundle exists only after `pnpm build`; when it does, it carries the package version
    // and every chunk the loader names.
    if (bundle) {
      expect(bundle.version).toBe(version)
      expect([...bundle.files.keys()].filter((name) => name.startsWith('modal-'))).toHaveLength(3)
    }
  })
})
