/** Fixtures for the notices' tests: an outbox message about a paid order, as the outbox writes it. */
import type { EventData, OutboxMessage } from './types.ts'

export const CLIENT_RRN = 'Qx7r2Lm9Tb4Kd8Wn1Pz5Hc3V'

export function paidData(overrides: Partial<EventData> = {}): EventData {
  return {
    livemode: true,
    client_rrn: CLIENT_RRN,
    status: 'paid',
    reason: null,
    amount: '5.23',
    title: 'Premium plan',
    description: null,
    item_id: 'premium',
    quantity: 1,
    reference: 'INV-2026-0042',
    psp_rrn: 'PSP-77812',
    bank_rrn: '512312345678',
    locale: 'ru',
    created_at: '2026-11-20T09:58:00.000Z',
    updated_at: '2026-11-20T10:03:00.000Z',
    ...overrides,
  }
}

export function paidMessage(
  data: Partial<EventData> = {},
  overrides: Partial<OutboxMessage> = {},
): OutboxMessage {
  const payload = paidData(data)
  return {
    id: 'obx_1',
    event_id: 'evt_0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    channel: 'telegram',
    type: 'order.paid',
    client_rrn: payload.client_rrn,
    payload: JSON.stringify({ type: 'order.paid', timestamp: payload.updated_at, data: payload }),
    status: 'pending',
    attempts: 0,
    next_attempt_at: payload.updated_at,
    locked_until: null,
    last_error: null,
    last_status_code: null,
    created_at: payload.updated_at,
    updated_at: payload.updated_at,
    delivered_at: null,
    ...overrides,
  }
}

/** A signal that never aborts, for calls that are not about cancelling. */
export const NEVER = new AbortController().signal
