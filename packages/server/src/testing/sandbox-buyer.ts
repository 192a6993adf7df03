/**
 * A buyer's way through a real server in sandbox mode, over HTTP: checkout, the sandbox's check
 * page and bank page, up to the callback URL the PSP sends the browser to (not opened).
 */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual',
})

export interface BoughtOverHttp {
  client_rrn: string
  psp_rrn: string
  /** Absolute callback URL, as the sandbox redirects the browser to it. */
  callback: string
}

/** Starts a payment of `item` on the server at `url` and pays it with `card` on the sandbox's pages. */
export async function buyOverHttp(url: string, item: string, card: string): Promise<BoughtOverHttp> {
  const checkout = await fetch(`${url}/api/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ item }),
  })
  if (checkout.status !== 201) throw new Error(`checkout → ${checkout.status}: ${await checkout.text()}`)
  const order = (await checkout.json()) as {
    client_rrn: string
    redirect: { url: string; fields: Record<string, string> }
  }
  const page = await fetch(order.redirect.url, form(order.redirect.fields))
  const html = await page.text()
  const match = /name="psp_rrn" value="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error(`no psp_rrn on the sandbox's check page (${page.status})`)
  const psp_rrn = match[1].replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'")
  // The PSP's pages live where its /process is: the mounted sandbox, or one on its own port.
  const psp = order.redirect.url.replace(/\/process$/, '')
  const next = await fetch(`${psp}/process/continue`, form({ psp_rrn }))
  if (next.status !== 303) throw new Error(`continue → ${next.status}`)
  const bank = await fetch(`${psp}/bank`, form({ psp_rrn, number: card, expiry: '12/39', cvv: '123' }))
  const callback = bank.headers.get('location')
  if (bank.status !== 303 || !callback) throw new Error(`bank → ${bank.status}`)
  return { client_rrn: order.client_rrn, psp_rrn, callback }
}
