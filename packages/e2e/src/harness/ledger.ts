/** `GET /api/payments/:client_rrn` as the tests read it. */
export interface Payment {
  client_rrn: string
  status: string
  /** Why a failed order failed: `declined`, `cancelled`, … (null otherwise). */
  reason?: string | null
  amount: string
  title: string
  updated_at: string
}

/** The part of a sandbox payment record the tests need. */
export interface SandboxPayment {
  client_rrn: string
  psp_rrn: string
  amount?: string
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isPayment = (value: unknown): value is Payment =>
  isRecord(value) &&
  typeof value.client_rrn === 'string' &&
  typeof value.status === 'string' &&
  typeof value.amount === 'string' &&
  typeof value.title === 'string'

/** The ledger's view of one order, or `undefined` when the server answers 404. */
export const getPayment = async (serverUrl: string, clientRrn: string): Promise<Payment | undefined> => {
  const res = await fetch(`${serverUrl}/api/payments/${encodeURIComponent(clientRrn)}`)
  if (res.status === 404) return undefined
  const body: unknown = await res.json()
  if (!res.ok || !isPayment(body)) {
    throw new Error(`GET /api/payments/${clientRrn} → ${res.status} ${JSON.stringify(body)}`)
  }
  return body
}

/**
 * Polls the ledger until the order has `status` (or the deadline passes, then throws with the
 * last answer). Every poll is a real request: the server may re-check a pending order with the PSP.
 */
export const waitForStatus = async (
  serverUrl: string,
  clientRrn: string,
  status: string,
  timeoutMs = 20_000,
): Promise<Payment> => {
  const deadline = Date.now() + timeoutMs
  let last: Payment | undefined
  while (Date.now() < deadline) {
    last = await getPayment(serverUrl, clientRrn)
    if (last?.status === status) return last
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`order ${clientRrn} is ${JSON.stringify(last)}, expected status ${status}`)
}

/** The sandbox's own record of payments (`GET /sandbox/_sandbox/payments`). */
export const sandboxPayments = async (serverUrl: string): Promise<SandboxPayment[]> => {
  const res = await fetch(`${serverUrl}/sandbox/_sandbox/payments`)
  const body: unknown = await res.json()
  if (!res.ok) throw new Error(`GET /sandbox/_sandbox/payments → ${res.status} ${JSON.stringify(body)}`)
  // Accept a bare list or one wrapped in an object (`{payments: […]}`).
  const list = Array.isArray(body)
    ? body
    : isRecord(body)
      ? Object.values(body).find(Array.isArray)
      : undefined
  if (!list) throw new Error(`unexpected /_sandbox/payments body: ${JSON.stringify(body)}`)
  return list.flatMap((entry: unknown) =>
    isRecord(entry) && typeof entry.client_rrn === 'string' && typeof entry.psp_rrn === 'string'
      ? [
          {
            client_rrn: entry.client_rrn,
            psp_rrn: entry.psp_rrn,
            ...(typeof entry.amount === 'string' ? { amount: entry.amount } : {}),
          },
        ]
      : [],
  )
}

/** The sandbox payment of an order (it exists once the buyer's browser posted `/process`). */
export const sandboxPaymentOf = async (serverUrl: string, clientRrn: string): Promise<SandboxPayment> => {
  const found = (await sandboxPayments(serverUrl)).find((p) => p.client_rrn === clientRrn)
  if (!found) throw new Error(`the sandbox has no payment for ${clientRrn}`)
  return found
}

/** Settles a pending sandbox payment, as the bank would later (`POST /sandbox/_sandbox/settle`). */
export const settle = async (
  serverUrl: string,
  clientRrn: string,
  outcome: 'paid' | 'failed',
): Promise<void> => {
  const res = await fetch(`${serverUrl}/sandbox/_sandbox/settle`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_rrn: clientRrn, outcome }),
  })
  if (!res.ok) throw new Error(`settle ${clientRrn} → ${res.status} ${await res.text()}`)
}
