import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness } from '../testing/harness.ts'

interface Item {
  title: string
  error: { fields: Record<string, string[]> }
}

const read = async (res: Response) => (await res.json()) as Item

const catalogFile = () => {
  const path = join(mkdtempSync(join(tmpdir(), 'portmanat-catalog-')), 'catalog.json')
  writeFileSync(
    path,
    JSON.stringify({
      items: {
        coffee: {
          title: { az: 'Qəhvə', en: 'Coffee', ru: 'Кофе' },
          amount: '24.90',
          description: 'Arabica',
          max_quantity: 10,
        },
        plan: { title: 'Premium plan', amount: '5.23' },
      },
    }),
  )
  return path
}

// Reads only the catalog: one engine is enough.
const [store] = storeFactories
if (!store) throw new Error('no store engine')

describe('GET /api/items/:id', () => {
  const harness = () => createHarness({ store, env: { CATALOG: catalogFile() } })

  it('answers the public price, cacheable, with how many an order may take', async () => {
    const h = await harness()
    const res = await h.request('/api/items/coffee?locale=en')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    expect(res.headers.get('vary')).toContain('Accept-Language')
    expect(await res.json()).toEqual({
      id: 'coffee',
      title: 'Coffee',
      amount: '24.90',
      description: 'Arabica',
      max_quantity: 10,
    })
    expect(await (await h.request('/api/items/plan')).json()).toEqual({
      id: 'plan',
      title: 'Premium plan',
      amount: '5.23',
    })
  })

  it('prices a quantity: the server multiplies', async () => {
    const h = await harness()
    expect(await (await h.request('/api/items/coffee?quantity=3')).json()).toMatchObject({
      amount: '74.70',
      quantity: 3,
    })
  })

  it.each([
    ['/api/items/coffee?quantity=11', 'quantity'],
    ['/api/items/plan?quantity=2', 'quantity'],
    ['/api/items/coffee?quantity=0', 'quantity'],
    ['/api/items/coffee?quantity=two', 'quantity'],
    ['/api/items/coffee?locale=de', 'locale'],
  ])('refuses %s with 400 naming the field', async (path, field) => {
    const res = await (await harness()).request(path)
    expect(res.status).toBe(400)
    expect(Object.keys((await read(res)).error.fields)).toEqual([field])
  })

  it('speaks the language asked for, else Accept-Language', async () => {
    const h = await harness()
    expect((await read(await h.request('/api/items/coffee?locale=ru'))).title).toBe('Кофе')
    const az = await h.request('/api/items/coffee', { headers: { 'accept-language': 'az' } })
    expect((await read(az)).title).toBe('Qəhvə')
  })

  it('404 for an item not in the catalog, even with a quantity', async () => {
    const res = await (await harness()).request('/api/items/tea?quantity=2')
    expect(res.status).toBe(404)
  })
})
