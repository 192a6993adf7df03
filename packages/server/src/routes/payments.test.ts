import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { countingPsp, createHarness, MERCHANT, TEST_CARDS } from '../testing/harness.ts'

describe.each(storeFactories)('GET /api/payments/:client_rrn on $name', (store) => {
  it('shows the state of an order and nothing secret', async () => {
    const h = await createHarness({ store })
    const { client_rrn, callback } = await h.buy('premium')
    await h.request(callback)
    const res = await h.request(`/api/payments/${client_rrn}`, { headers: { origin: MERCHANT } })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual([
      'amount',
      'client_rrn',
      'reason',
      'status',
      'title',
      'updated_at',
    ])
    expect(body).toMatchObject({
      client_rrn,
      status: 'paid',
      reason: null,
      amount: '5.23',
      title: 'Premium plan',
    })
    expect(res.headers.get('access-control-allow-origin')).toBe(MERCHANT)
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('400 for a malformed client_rrn, 404 for an unknown one', async () => {
    const h = await createHarness({ store })
    const bad = await h.request('/api/payments/not-a-reference')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid_request', fields: { client_rrn: expect.any(Array) } },
    })
    const unknown = await h.request(`/api/payments/${'0'.repeat(24)}`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('re-checks a pending order with the PSP, so a poll sees pending → paid', async () => {
    let now = new Date('2030-01-01T10:00:00Z')
    const h = await createHarness({ store, clock: () => now })
    const { client_rrn, psp_rrn, callback } = await h.buy('premium', TEST_CARDS.pending)
    await h.request(callback)
    const pending = (await (await h.request(`/api/payments/${client_rrn}`)).json()) as { status: string }
    expect(pending.status).toBe('pending')
    h.sandbox.control.settle({ psp_rrn }, 'paid')
    // Within the minimum interval the poll answers from the ledger…
    expect(
      ((await (await h.request(`/api/payments/${client_rrn}`)).json()) as { status: string }).status,
    ).toBe('pending')
    now = new Date(now.getTime() + 5_000)
    // …after it, the poll asks the PSP.
    expect(
      ((await (await h.request(`/api/payments/${client_rrn}`)).json()) as { status: string }).status,
    ).toBe('paid')
  })

  it('does not ask the PSP about created orders without a psp_rrn', async () => {
    const seen = { calls: 0 }
    const h = await createHarness({ store, psp: countingPsp(seen) })
    const res = await h.checkout({ item: 'premium' })
    const { client_rrn } = (await res.json()) as { client_rrn: string }
    expect(
      ((await (await h.request(`/api/payments/${client_rrn}`)).json()) as { status: string }).status,
    ).toBe('created')
    expect(seen.calls).toBe(0)
  })
})

describe.each(storeFactories)('GET /api/items/:id on $name', (store) => {
  it('returns the public price, cacheable', async () => {
    const h = await createHarness({ store })
    const res = await h.request('/api/items/premium')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      id: 'premium',
      title: 'Premium plan',
      amount: '5.23',
      description: 'One month',
    })
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
  })

  it('404 for an unknown item, 400 for a malformed id, 405 for POST', async () => {
    const h = await createHarness({ store })
    expect((await h.request('/api/items/nope')).status).toBe(404)
    expect((await h.request('/api/items/NOPE!')).status).toBe(400)
    const post = await h.request('/api/items/premium', { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toContain('GET')
  })
})
