import type { Page, Request } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { shopPage } from './harness/pages.ts'
import { useE2e } from './harness/suite.ts'
import { openSummary, widget } from './harness/widget.ts'

const e2e = useE2e()

const isChunk = (request: Request) =>
  /\/widget\/[^/]+\/modal-\w+-[\w-]+\.js$/.test(new URL(request.url()).pathname)

/** Every script request the page makes from now on. */
const scripts = (page: Page) => {
  const seen: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') seen.push(new URL(request.url()).pathname)
  })
  return seen
}

describe('the loader and the modal chunk', () => {
  it('fetch the chunk once, when the buyer reaches for the button; opening then needs only the order', async () => {
    const { page } = await e2e.buyer()
    // No idle time on this page: only the buyer's hand may fetch the chunk.
    await page.addInitScript(() => {
      window.requestIdleCallback = () => 0
    })
    const loaded = scripts(page)
    await page.goto(shopPage(e2e, { item: 'premium', locale: 'en' }))
    const { payButton } = widget(page)
    await payButton.waitFor()
    expect(loaded).toEqual(['/widget.js'])

    const chunk = page.waitForRequest(isChunk)
    await payButton.hover()
    expect(new URL((await chunk).url()).pathname).toMatch(/^\/widget\/[\d.]+\/modal-en-/)
    await page.waitForLoadState('networkidle')

    // What the widget asks of its server (the shop's own fonts may still be arriving).
    const after: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.origin === e2e.server.url) after.push(`${request.method()} ${url.pathname}`)
    })
    await openSummary(page)
    expect(after.filter((line) => !line.startsWith('OPTIONS'))).toEqual(['POST /api/checkout'])
    expect(loaded.filter((path) => path.includes('/modal-'))).toHaveLength(1)
  })

  it('fetch the chunk when the page is idle', async () => {
    const { page } = await e2e.buyer()
    const chunk = page.waitForRequest(isChunk)
    await page.goto(shopPage(e2e, { item: 'premium', locale: 'ru' }))
    expect(new URL((await chunk).url()).pathname).toMatch(/\/modal-ru-/)
  })

  it('refuse a tampered chunk: no modal runs, the buyer is told, the console says why', async () => {
    const { page, diagnostics } = await e2e.buyer()
    await page.route(/\/modal-en-[\w-]+\.js$/, async (route) => {
      const response = await route.fetch()
      const body = `${await response.text()}\n;document.title = 'tampered'`
      await route.fulfill({
        response,
        body,
        headers: { ...response.headers(), 'content-encoding': 'identity' },
      })
    })
    await page.goto(shopPage(e2e, { item: 'premium', locale: 'en' }))
    const { payButton, host } = widget(page)
    await payButton.click()
    await host.getByRole('alert').getByText('Could not reach the payment server.').waitFor()
    expect(await widget(page).dialog.count()).toBe(0)
    expect(await page.title()).not.toBe('tampered')
    await expect.poll(() => diagnostics.console.some((line) => /integrity/i.test(line))).toBe(true)
    await expect.poll(() => diagnostics.widgetEvents.map((event) => event.type)).toContain('portmanat:error')
  })

  it('are served compressed, with ETags, and the versioned files immutable', async () => {
    const { page } = await e2e.buyer()
    const responses = new Map<string, Record<string, string>>()
    page.on('response', (response) => {
      const { pathname } = new URL(response.url())
      if (pathname.endsWith('.js')) responses.set(pathname, response.headers())
    })
    const chunk = page.waitForRequest(isChunk)
    await page.goto(shopPage(e2e, { item: 'premium', locale: 'az' }))
    await (await chunk).response()
    const loader = responses.get('/widget.js')
    expect(loader).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'public, max-age=300' })
    expect(loader?.vary).toMatch(/accept-encoding/i)
    expect(loader?.etag).toMatch(/^"[\w-]+-br"$/)
    const [path, headers] = [...responses].find(([name]) => name.includes('/modal-az-')) ?? []
    expect(path).toBeTruthy()
    expect(headers).toMatchObject({
      'content-encoding': 'br',
      'cache-control': 'public, max-age=31536000, immutable',
      'access-control-allow-origin': '*',
    })
  })
})
