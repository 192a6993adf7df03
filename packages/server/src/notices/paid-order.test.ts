import { describe, expect, it } from 'vitest'
import { noticeWants, readPaidOrder, safeError } from './paid-order.ts'
import { CLIENT_RRN, paidMessage } from './testing.ts'

describe('noticeWants', () => {
  it('tells Telegram and e-mail of paid orders only, and leaves webhooks alone', () => {
    expect(noticeWants('telegram', 'order.paid')).toBe(true)
    expect(noticeWants('email', 'order.paid')).toBe(true)
    for (const type of ['order.pending', 'order.failed', 'order.expired'] as const) {
      expect(noticeWants('telegram', type)).toBe(false)
      expect(noticeWants('email', type)).toBe(false)
    }
    expect(noticeWants('webhook', 'order.paid')).toBe(false)
  })
})

describe('readPaidOrder', () => {
  it('reads the facts, the amount as integer qəpik', () => {
    const read = readPaidOrder(paidMessage({ amount: '1234.5', description: '' }))
    expect(read).toEqual({
      ok: true,
      order: {
        event_id: 'evt_0f1e2d3c4b5a69788796a5b4c3d2e1f0',
        livemode: true,
        client_rrn: CLIENT_RRN,
        qepik: 123450,
        title: 'Premium plan',
        description: null,
        quantity: 1,
        reference: 'INV-2026-0042',
        psp_rrn: 'PSP-77812',
        bank_rrn: '512312345678',
        paid_at: '2026-11-20T10:03:00.000Z',
      },
    })
  })

  it('keeps every field on one line and bounded', () => {
    const read = readPaidOrder(
      paidMessage({ title: 'Tea\r\nBcc: someone@example.az', reference: 'x'.repeat(1000) }),
    )
    expect(read.ok && read.order.title).toBe('Tea Bcc: someone@example.az')
    expect(read.ok && read.order.reference?.length).toBe(300)
  })

  it('refuses for good what no retry can fix', () => {
    const data = JSON.parse(paidMessage().payload).data
    const cases = [
      paidMessage({}, { payload: 'null' }),
      paidMessage({ status: 'pending' }),
      paidMessage({ title: ' ' }),
      paidMessage({ quantity: 0 }),
      paidMessage(
        {},
        { payload: JSON.stringify({ type: 'order.paid', data: { ...data, livemode: 'yes' } }) },
      ),
      paidMessage({}, { payload: JSON.stringify({ type: 'order.failed', data }) }),
    ]
    for (const message of cases)
      expect(readPaidOrder(message)).toMatchObject({ ok: false, outcome: { permanent: true } })
  })
})

describe('safeError', () => {
  it('makes one short line with the secrets replaced', () => {
    expect(safeError('bad\nthing for s3cr3t', ['s3cr3t'])).toBe('bad thing for [redacted]')
    const long = safeError(`${'x'.repeat(195)}s3cr3t${'y'.repeat(100)}`, ['s3cr3t'])
    expect(long).toHaveLength(200)
    expect(long).not.toContain('s3c')
  })
})
