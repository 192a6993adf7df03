import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { embedPage } from './harness/embed.ts'
import { useE2e } from './harness/suite.ts'
import { openSummary, widget } from './harness/widget.ts'

const e2e = useE2e()

interface Manifest {
  version: string
  url: string
  integrity: string
}

const readManifest = async (serverUrl: string): Promise<Manifest> => {
  const res = await fetch(`${serverUrl}/widget/manifest.json`)
  const body: unknown = await res.json()
  if (
    !res.ok ||
    typeof body !== 'object' ||
    body === null ||
    !('version' in body && typeof body.version === 'string') ||
    !('url' in body && typeof body.url === 'string') ||
    !('integrity' in body && typeof body.integrity === 'string')
  ) {
    throw new Error(`GET /widget/manifest.json → ${res.status} ${JSON.stringify(body)}`)
  }
  return { version: body.version, url: new URL(body.url, serverUrl).href, integrity: body.integrity }
}

describe('the versioned widget.js with Subresource Integrity', () => {
  let manifest: Manifest
  beforeAll(async () => {
    manifest = await readManifest(e2e.server.url)
  })

  it('publishes the SHA-384 of the bytes it serves at the versioned URL', async () => {
    expect(manifest.url).toBe(`${e2e.server.url}/widget/${manifest.version}/widget.js`)
    const bytes = Buffer.from(await (await fetch(manifest.url)).arrayBuffer())
    expect(manifest.integrity).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`)
  })

  it('loads with the published integrity and takes an order', async () => {
    const { page } = await e2e.buyer()
    const url = e2e.site.add({
      path: '/sri-good',
      html: embedPage({
        script: { src: manifest.url, integrity: manifest.integrity, crossorigin: 'anonymous' },
        elements: [{ item: 'premium', locale: 'en' }],
      }),
    })
    await page.goto(url)
    const order = await openSummary(page)
    expect(order.amount).toBe('5.23')
  })

  it('does not run with a wrong hash: the element never upgrades and the console says why', async () => {
    const { page } = await e2e.buyer()
    const wrong = `sha384-${createHash('sha384').update('not the widget').digest('base64')}`
    const url = e2e.site.add({
      path: '/sri-bad',
      html: embedPage({
        script: { src: manifest.url, integrity: wrong, crossorigin: 'anonymous' },
        elements: [{ item: 'premium', locale: 'en' }],
      }),
    })
    const refused = page.waitForEvent('console', (message) => /integrity/i.test(message.text()))
    await page.goto(url)
    await refused
    await page.waitForLoadState('load')
    expect(await page.evaluate(() => customElements.get('portmanat-checkout') === undefined)).toBe(true)
    expect(await page.evaluate(() => 'PortmanatCheckout' in window)).toBe(false)
    expect(await widget(page).host.getByRole('button').count()).toBe(0)
  })
})
