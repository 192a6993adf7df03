/**
 * A buyer's way through the sandbox over HTTP, as the widget and a browser would walk it:
 * checkout at our server, the signed form posted to the PSP's `/process`, a test card on its bank
 * page, and the callback URL the PSP then sends the browser to (returned, not followed).
 */

export const CARDS = {
  paid: '4242424242424242',
  declined: '4000000000000002',
  pending: '4000000000000077',
} as const

export type Card = keyof typeof CARDS

export interface Checkout {
  client_rrn: string
  amount: string
  redirect: { url: string; method: string; fields: Record<string, string> }
}

export interface Prepared {
  client_rrn: string
  psp_rrn: string
  card: Card
  /** The callback URL (absolute) the PSP sent the buyer to. */
  callback: string
}

const timeout = () => AbortSignal.timeout(20_000)

/** `POST /api/checkout` for `item`; throws unless 201. */
export async function checkout(
  serverUrl: string,
  body: Record<string, unknown> = { item: 'premium' },
  headers: Record<string, string> = {},
): Promise<Checkout> {
  const res = await fetch(`${serverUrl}/api/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: timeout(),
  })
  const text = await res.text()
  if (res.status !== 201) throw new Error(`checkout answered ${res.status}: ${text.slice(0, 300)}`)
  return JSON.parse(text) as Checkout
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual' as const,
  signal: timeout(),
})

/** Posts the signed fields to the PSP's `/process`; returns the payment's `psp_rrn`. */
export async function startPayment(processUrl: string, fields: Record<string, string>): Promise<string> {
  const res = await fetch(processUrl, form(fields))
  const html = await res.text()
  const match = /name="psp_rrn" value="([^"]+)"/.exec(html)
  if (res.status !== 200 || !match?.[1]) {
    throw new Error(`/process answered ${res.status} without a psp_rrn: ${html.slice(0, 300)}`)
  }
  return match[1].replaceAll('&amp;', '&')
}

/** A card expiry two years ahead, `MM/YY`. */
const expiry = () => `12/${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0')}`

/** Pays on the PSP's bank page; returns the callback URL it redirects the buyer to. */
export async function payWithCard(bankUrl: string, psp_rrn: string, card: Card): Promise<string> {
  const res = await fetch(bankUrl, form({ psp_rrn, number: CARDS[card], expiry: expiry(), cvv: '123' }))
  const body = await res.text()
  const location = res.headers.get('location')
  if (res.status !== 303 || !location) {
    throw new Error(`bank page answered ${res.status} without a redirect: ${body.slice(0, 300)}`)
  }
  return new URL(location, bankUrl).toString()
}

/** The PSP's bank page beside its `/process` (whatever query the checkout put on that URL). */
export const bankUrlOf = (processUrl: string): string => new URL('./bank', processUrl).toString()

/** Checkout, `/process` and the bank page for one order; the callback is not opened. */
export async function prepareOne(
  serverUrl: string,
  card: Card,
  body: Record<string, unknown> = { item: 'premium' },
): Promise<Prepared> {
  const order = await checkout(serverUrl, body)
  const processUrl = order.redirect.url
  const psp_rrn = await startPayment(processUrl, order.redirect.fields)
  const callback = await payWithCard(bankUrlOf(processUrl), psp_rrn, card)
  return { client_rrn: order.client_rrn, psp_rrn, card, callback }
}

/** {@link prepareOne} `count` times with `concurrency` buyers at once; cards chosen by `cardOf(i)`. */
export async function prepareOrders(
  serverUrl: string,
  count: number,
  cardOf: (i: number) => Card,
  { concurrency = 8, body }: { concurrency?: number; body?: Record<string, unknown> } = {},
): Promise<Prepared[]> {
  const prepared: Prepared[] = new Array(count)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) prepared[i] = await prepareOne(serverUrl, cardOf(i), body)
    }),
  )
  return prepared
}
