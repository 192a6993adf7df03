import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness } from '../testing/harness.ts'

interface Created {
  client_rrn: string
  amount: string
  quantity?: number
  title: string
  description?: string
  redirect: { fields: Record<string, string> }
}

interface Refused {
  error: { code: string; fields: Record<string, string[]> }
}

const created = async (res: Response) => (await res.json()) as Created

/** A catalog of our own: coffee by the kilo (up to 10), a plan sold one at a time, in three languages. */
const catalogFile = () => {
  const path = join(mkdtempSync(join(tmpdir(), 'portmanat-catalog-')), 'catalog.json')
  writeFileSync(
    path,
    JSON.stringify({
      items: {
        coffee: {
          title: { az: 'Qəhvə, 1 kq', en: 'Coffee, 1 kg', ru: 'Кофе, 1 кг' },
          amount: '24.90',
          description: { az: 'Arabika', en: 'Arabica' },
          max_quantity: 10,
        },
        plan: { title: 'Premium plan', amount: '5.23' },
      },
    }),
  )
  return path
}

describe.each(storeFactories)('POST /api/checkout with a quantity, on $name', (store) => {
  const harness = () => createHarness({ store, env: { CATALOG: catalogFile() } })

  it('multiplies on the server, stores the quantity and signs the total', async () => {
    const h = await harness()
    const res = await h.checkout({ item: 'coffee', quantity: 3, locale: 'en' })
    expect(res.status).toBe(201)
    const body = await created(res)
    expect(body).toMatchObject({ amount: '74.70', quantity: 3, title: 'Coffee, 1 kg' })
    expect(body.redirect.fields.amount).toBe('74.70')
    expect(await h.store.getOrder(body.client_rrn)).toMatchObject({ qepik: 7470, quantity: 3 })
  })

  it('says nothing of a quantity of one', async () => {
    const h = await harness()
    const body = await created(await h.checkout({ item: 'plan', quantity: 1 }))
    expect(body.quantity).toBeUndefined()
    expect(body.amount).toBe('5.23')
    expect(await h.store.getOrder(body.client_rrn)).toMatchObject({ qepik: 523, quantity: 1 })
  })

  it.each([
    ['above max_quantity', { item: 'coffee', quantity: 11 }, 'must be at most 10'],
    ['of an item sold one at a time', { item: 'plan', quantity: 2 }, 'this item has no max_quantity'],
    ['of zero', { item: 'coffee', quantity: 0 }, 'at least 1'],
    ['not whole', { item: 'coffee', quantity: 1.5 }, 'whole number'],
    ['as a string', { item: 'coffee', quantity: '2' }, 'must be a number'],
  ])('refuses a quantity %s with 400 naming the field', async (_, body, message) => {
    const h = await harness()
    const res = await h.checkout(body)
    expect(res.status).toBe(400)
    const { error } = (await res.json()) as Refused
    expect(error.code).toBe('invalid_request')
    expect(error.fields.quantity?.[0]).toContain(message)
  })

  it('takes an Idempotency-Key with another quantity as another request: 409', async () => {
    const h = await harness()
    const key = { 'idempotency-key': 'attempt-1' }
    expect((await h.checkout({ item: 'coffee', quantity: 2 }, key)).status).toBe(201)
    expect((await h.checkout({ item: 'coffee', quantity: 2 }, key)).status).toBe(201)
    expect((await h.checkout({ item: 'coffee', quantity: 3 }, key)).status).toBe(409)
  })

  it('writes the title and description in the buyer’s language, else the catalog’s first', async () => {
    const h = await harness()
    const ru = await created(await h.checkout({ item: 'coffee', locale: 'ru' }))
    expect(ru).toMatchObject({ title: 'Кофе, 1 кг', description: 'Arabika' })
    const az = await created(await h.checkout({ item: 'coffee' }, { 'accept-language': 'az-AZ,az;q=0.9' }))
    expect(az).toMatchObject({ title: 'Qəhvə, 1 kq', description: 'Arabika' })
    expect(await h.store.getOrder(az.client_rrn)).toMatchObject({ title: 'Qəhvə, 1 kq' })
  })
})
