import { clientRrnFrom } from '@portmanat-checkout/shared'
import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS } from '../reports/csv.ts'
import type { Order } from '../store/types.ts'
import { storeFactories } from '../testing/engines.ts'
import { createHarness } from '../testing/harness.ts'
import { csvStream } from './csv.ts'
import { DASHBOARD_ENV, operator } from './test-operator.ts'

const bytes = (n: number) => crypto.getRandomValues(new Uint8Array(n))

const stored = (overrides: Partial<Order> = {}): Order => ({
  client_rrn: clientRrnFrom(bytes),
  qepik: 523,
  quantity: 1,
  item_id: 'premium',
  title: 'Premium plan',
  description: null,
  reference: null,
  return_url: null,
  locale: 'az',
  status: 'paid',
  reason: null,
  psp_rrn: '1795736575-WJAs2H-+nBZzi-c7n=M5',
  bank_rrn: 'DIT2xSDNDh8VFuaZEBRb3Iz0j98=',
  client_ip: '203.0.113.7',
  idempotency_key: null,
  request_hash: null,
  order_token: null,
  livemode: true,
  created_at: '2026-11-28T10:00:00.000Z',
  updated_at: '2026-11-28T10:01:00.000Z',
  ...overrides,
})

describe('the dashboard’s CSV stream', () => {
  it('streams: rows are read from the store as the consumer takes them, not all at once', async () => {
    let yielded = 0
    async function* many() {
      for (let i = 0; i < 10_000; i++) {
        yielded += 1
        yield stored()
      }
    }
    const reader = csvStream(many(), { rowsPerChunk: 100 }).getReader()
    const first = await reader.read()
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(first.value)).toBe(
      `\uFEFF${CSV_COLUMNS.join(',')}\r\n`,
    )
    await reader.read()
    // A couple of chunks read: only a few hundred rows were pulled out of ten thousand.
    expect(yielded).toBeLessThan(500)
    await reader.cancel()
  })
})

describe.each(storeFactories)('GET /dashboard/orders.csv on $name', (store) => {
  it('exports every order of the filter, newest first, UTF-8 with a BOM, streamed in chunks', async () => {
    const h = await createHarness({ store, env: DASHBOARD_ENV })
    const t0 = Date.parse('2026-11-01T00:00:00.000Z')
    const paid: string[] = []
    for (let i = 0; i < 1200; i++) {
      const client_rrn = clientRrnFrom(bytes)
      await h.store.insertOrder(
        {
          client_rrn,
          qepik: 523,
          item_id: 'premium',
          title: i === 4 ? '=2+5 "Şəki", halva' : `Sifariş ${i}`,
          description: null,
          reference: null,
          return_url: null,
          locale: null,
          client_ip: null,
          idempotency_key: null,
          request_hash: null,
          order_token: null,
          livemode: false,
        },
        new Date(t0 + i * 60_000),
      )
      if (i % 2 === 0) {
        const at = new Date(t0 + i * 60_000 + 1)
        await h.store.transition(
          client_rrn,
          { from: ['created'], to: 'paid', psp_rrn: `p-${i}`, bank_rrn: `b-${i}` },
          at,
        )
        paid.unshift(client_rrn)
      }
    }
    const op = operator(h)
    await op.signIn()
    const res = await op.request('/dashboard/orders.csv?status=paid')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    expect(res.headers.get('cache-control')).toBe('no-store')
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const chunks: Uint8Array[] = []
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
    }
    expect(chunks.length).toBeGreaterThan(2)
    const bytesAll = Buffer.concat(chunks)
    expect([...bytesAll.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const body = bytesAll.toString('utf8').slice(1)
    const lines = body.split('\r\n')
    expect(lines[0]).toBe(
      'client_rrn,psp_rrn,bank_rrn,amount,status,reason,created_at,updated_at,title,reference,item_id,quantity,livemode',
    )
    expect(lines.at(-1)).toBe('')
    const rows = lines.slice(1, -1)
    expect(rows.map((line) => line.split(',')[0])).toEqual(paid)
    expect(rows.every((line) => line.includes(',5.23,paid,'))).toBe(true)
    expect(body).toContain(`"'=2+5 ""Şəki"", halva"`)
  }, 30_000)

  it('is never served without a session', async () => {
    const h = await createHarness({ store, env: DASHBOARD_ENV })
    const res = await h.request('/dashboard/orders.csv')
    expect(res.status).toBe(303)
    expect(res.headers.get('content-type') ?? '').not.toContain('csv')
  })
})
