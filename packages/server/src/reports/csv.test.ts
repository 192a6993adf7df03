import { describe, expect, it } from 'vitest'
import { newOrder } from '../store/test-engines.ts'
import type { Order } from '../store/types.ts'
import { CSV_COLUMNS, csvCell, csvChunks, csvHeader, csvRow } from './csv.ts'

const order = (overrides: Partial<Order> = {}): Order => ({
  ...newOrder({ client_rrn: 'q2mbx6mexxjxw3o8ioj20aph', livemode: true }),
  quantity: 1,
  status: 'paid',
  reason: null,
  psp_rrn: '1795736575-WJAs2H-+nBZzi-c7n=M5',
  bank_rrn: 'DIT2xSDNDh8VFuaZEBRb3Iz0j98=',
  created_at: '2026-11-28T10:00:00.000Z',
  updated_at: '2026-11-28T10:01:00.000Z',
  ...overrides,
})

describe('CSV', () => {
  it('starts with a BOM and the header, CRLF-ended', () => {
    expect(csvHeader()).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)
    expect(CSV_COLUMNS.slice(0, 8)).toEqual([
      'client_rrn',
      'psp_rrn',
      'bank_rrn',
      'amount',
      'status',
      'reason',
      'created_at',
      'updated_at',
    ])
  })

  it('quotes as RFC 4180 says', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a, b')).toBe('"a, b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(3)).toBe('3')
  })

  it('never lets a text cell start a formula', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(evil).replace(/^"/, '').startsWith("'"), evil).toBe(true)
    }
    expect(csvCell('=1,2')).toBe(`"'=1,2"`)
  })

  it('writes an order in the header’s order, the amount as its canonical string', () => {
    const row = csvRow(order({ qepik: 520, title: 'Çay, "Azərbaycan"', reference: '=cmd|calc', quantity: 2 }))
    expect(row).toBe(
      `q2mbx6mexxjxw3o8ioj20aph,1795736575-WJAs2H-+nBZzi-c7n=M5,DIT2xSDNDh8VFuaZEBRb3Iz0j98=,5.20,paid,,2026-11-28T10:00:00.000Z,2026-11-28T10:01:00.000Z,"Çay, ""Azərbaycan""",'=cmd|calc,premium,2,true\r\n`,
    )
    expect(csvRow(order({ livemode: null })).endsWith(',\r\n')).toBe(true)
  })

  it('reads orders only as chunks are taken: a slow reader slows the reading', async () => {
    let yielded = 0
    async function* many() {
      for (let i = 0; i < 10_000; i++) {
        yielded += 1
        yield order()
      }
    }
    const chunks = csvChunks(many(), { rowsPerChunk: 100 })
    expect((await chunks.next()).value).toBe(csvHeader())
    expect(yielded).toBe(0)
    const first = await chunks.next()
    expect(first.value?.split('\r\n')).toHaveLength(101)
    expect(yielded).toBe(100)
    await chunks.return(undefined)
  })

  it('ends with the last partial chunk', async () => {
    async function* three() {
      yield order()
      yield order()
      yield order()
    }
    const all: string[] = []
    for await (const chunk of csvChunks(three(), { rowsPerChunk: 2 })) all.push(chunk)
    expect(all).toHaveLength(3)
    expect(all.join('').split('\r\n')).toHaveLength(5)
  })
})
