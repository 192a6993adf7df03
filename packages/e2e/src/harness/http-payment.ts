import { futureExpiry } from './sandbox-pages.ts'

/** The sandbox's test cards without spaces, as a form posts them. */
const digits = (card: string) => card.replaceAll(' ', '')

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual',
})

/**
 * A whole sandbox payment over plain HTTP, as the README's curl walk-through does it: checkout,
 * the signed fields to `/sandbox/process`, Continue, the test bank with `card`, then the callback.
 * For tests that need orders in the ledger and are about something else (the dashboard).
 */
export const payOverHttp = async (
  serverUrl: string,
  item: string,
  card: string,
): Promise<{ client_rrn: string; psp_rrn: string }> => {
  const checkout = await fetch(`${serverUrl}/api/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ item, locale: 'en' }),
  })
  if (checkout.status !== 201) throw new Error(`checkout → ${checkout.status}: ${await checkout.text()}`)
  const order = (await checkout.json()) as {
    client_rrn: string
    redirect: { url: string; fields: Record<string, string> }
  }
  const process = await fetch(order.redirect.url, form(order.redirect.fields))
  const page = await process.text()
  const psp_rrn = /name="psp_rrn" value="([^"]*)"/.exec(page)?.[1]?.replaceAll('&amp;', '&')
  if (!psp_rrn) throw new Error(`no psp_rrn on the sandbox's check page (${process.status})`)
  await fetch(`${serverUrl}/sandbox/process/continue`, form({ psp_rrn }))
  const bank = await fetch(
    `${serverUrl}/sandbox/bank`,
    form({ psp_rrn, number: digits(card), expiry: futureExpiry(), cvv: '123' }),
  )
  const callback = bank.headers.get('location')
  if (!callback) throw new Error(`the bank page answered ${bank.status} without a callback`)
  await fetch(new URL(callback, serverUrl), { redirect: 'manual' })
  return { client_rrn: order.client_rrn, psp_rrn }
}
