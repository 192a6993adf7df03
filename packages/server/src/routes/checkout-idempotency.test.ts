import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness, MERCHANT, TEST_CARDS } from '../testing/harness.ts'

describe.each(storeFactories)('Idempotency-Key on POST /api/checkout ($name)', (store) => {
  const body = { item: 'premium', return_url: `${MERCHANT}/thanks` }

  it('same key, same body → the same 201 response and one order', async () => {
    const h = await createHarness({ store })
    const first = await h.checkout(body, { 'idempotency-key': 'key-1' })
    const second = await h.checkout(body, { 'idempotency-key': 'key-1' })
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    const a = await first.json()
    expect(await second.json()).toEqual(a)
    expect(await h.store.getOrderByIdempotencyKey('key-1')).toMatchObject({
      client_rrn: (a as { client_rrn: string }).client_rrn,
    })
  })

  it('20 concurrent requests with one key make one order', async () => {
    const h = await createHarness({ store })
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => h.checkout(body, { 'idempotency-key': 'burst' })),
    )
    const bodies = await Promise.all(answers.map((res) => res.json() as Promise<{ client_rrn: string }>))
    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(201))
    const rrns = new Set(bodies.map((b) => b.client_rrn))
    expect(rrns.size).toBe(1)
    const [rrn] = [...rrns]
    expect(await h.store.events(rrn ?? '')).toHaveLength(1)
  })

  it('same key, other body → 409 idempotency_conflict', async () => {
    const h = await createHarness({ store })
    await h.checkout(body, { 'idempotency-key': 'key-2' })
    const res = await h.checkout({ ...body, item: 'expensive' }, { 'idempotency-key': 'key-2' })
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ error: { code: 'idempotency_conflict' } })
  })

  it('a replay of a paid order is refused with 409 order_closed, not signed again', async () => {
    const h = await createHarness({ store })
    const first = (await (await h.checkout(body, { 'idempotency-key': 'paid-once' })).json()) as {
      redirect: { fields: Record<string, string> }
    }
    const psp_rrn = await h.startPayment(first.redirect.fields)
    await h.request(await h.payWithCard(psp_rrn, TEST_CARDS.paid))
    const replay = await h.checkout(body, { 'idempotency-key': 'paid-once' })
    expect(replay.status).toBe(409)
    expect(await replay.json()).toMatchObject({ error: { code: 'order_closed' } })
  })

  it("the same key from another client IP is a conflict, not the first buyer's order", async () => {
    const h = await createHarness({ store, env: { TRUST_PROXY: 'true' } })
    const from = (ip: string) => ({ 'idempotency-key': 'shared-key', 'x-forwarded-for': ip })
    expect((await h.checkout(body, from('198.51.100.1'))).status).toBe(201)
    const other = await h.checkout(body, from('192.0.2.99'))
    expect(other.status).toBe(409)
    expect(await other.json()).toMatchObject({ error: { code: 'idempotency_conflict' } })
  })

  it('different keys → different orders', async () => {
    const h = await createHarness({ store })
    const a = (await (await h.checkout(body, { 'idempotency-key': 'a' })).json()) as { client_rrn: string }
    const b = (await (await h.checkout(body, { 'idempotency-key': 'b' })).json()) as { client_rrn: string }
    expect(a.client_rrn).not.toBe(b.client_rrn)
  })

  it.each([
    ['', 'empty'],
    ['x'.repeat(256), 'too long'],
    ['tab\there', 'a control character'],
  ])('refuses a key that is %j (%s) with 400', async (key) => {
    const h = await createHarness({ store })
    const res = await h.checkout(body, { 'idempotency-key': key })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid_request', fields: { 'Idempotency-Key': expect.any(Array) } },
    })
  })
})
