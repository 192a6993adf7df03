/**
 * A merchant's webhook endpoint on loopback: records every delivery (its id, event type and order)
 * and answers 204. Reads both the Standard Webhooks headers and the body's own `id`, so it works
 * before and after the server's move to Standard Webhooks.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Delivery {
  id: string
  type: string
  client_rrn: string
  at: number
}

export interface WebhookReceiver {
  url: string
  deliveries: Delivery[]
  close(): Promise<void>
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')

export async function startReceiver(): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      let body: Record<string, unknown> = {}
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        // recorded with what the headers say
      }
      const data = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as Record<
        string,
        unknown
      >
      deliveries.push({
        id: text(req.headers['webhook-id']) || text(body.id),
        type: text(body.type),
        client_rrn: text(data.client_rrn),
        at: Date.now(),
      })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/portmanat`,
    deliveries,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A Standard Webhooks secret (`whsec_` + base64 of 32 random bytes), also long enough for the older format. */
export const webhookSecret = () =>
  `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`
