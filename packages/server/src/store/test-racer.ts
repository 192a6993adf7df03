/**
 * A separate process for `store-processes.test.ts`: opens the store at argv[2] and, at the agreed
 * moment, races it (`insert`: orders with one idempotency key; `transition`: created → paid).
 * Prints how many of its calls won, as JSON.
 */
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { createStore } from './index.ts'

const [url = '', mode = '', target = '', countText = '0', startAtText = '0'] = process.argv.slice(2)
const store = await createStore(url)
const now = new Date('2026-11-26T10:00:00.000Z')

await sleep(Math.max(0, Number(startAtText) - Date.now()))
const calls = Array.from({ length: Number(countText) }, async (_, i) => {
  if (mode === 'insert') {
    const result = await store.insertOrder(
      {
        client_rrn: randomBytes(12).toString('hex'),
        qepik: 100,
        item_id: null,
        title: `racer ${process.pid}/${i}`,
        description: null,
        reference: null,
        return_url: null,
        locale: null,
        client_ip: null,
        idempotency_key: target,
        request_hash: null,
        order_token: null,
        livemode: false,
      },
      now,
    )
    return result.inserted
  }
  const moved = await store.transition(
    target,
    { from: ['created'], to: 'paid', detail: { pid: process.pid } },
    now,
  )
  return moved !== undefined
})
const won = (await Promise.all(calls)).filter(Boolean).length
await store.close()
process.stdout.write(JSON.stringify({ won }))
