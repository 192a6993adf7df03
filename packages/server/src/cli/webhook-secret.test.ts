import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.ts'
import { runHere } from './test-cli.ts'

describe('webhook-secret', () => {
  it('prints whsec_ and the base64 of 32 random bytes, and nothing else', async () => {
    const { code, stdout, stderr } = await runHere(['webhook-secret'])
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    const match = /^whsec_([A-Za-z0-9+/]{43}=)\n$/.exec(stdout)
    expect(match).not.toBeNull()
    expect(Buffer.from(match?.[1] ?? '', 'base64')).toHaveLength(32)
  })

  it('is a new secret every time, drawn from the random source', async () => {
    const first = await runHere(['webhook-secret'])
    const second = await runHere(['webhook-secret'])
    expect(first.stdout).not.toBe(second.stdout)
    const fixed = await runHere(['webhook-secret'], { random: (n) => new Uint8Array(n).fill(7) })
    expect(fixed.stdout).toBe(`whsec_${Buffer.alloc(32, 7).toString('base64')}\n`)
  })

  it('is what WEBHOOK_SECRET takes, and what the Standard Webhooks library signs and verifies with', async () => {
    const secret = (await runHere(['webhook-secret'])).stdout.trim()
    const config = loadConfig({ WEBHOOK_URL: 'https://shop.example.az/hooks', WEBHOOK_SECRET: secret })
    expect(config.webhook?.secrets.map((s) => s.reveal())).toEqual([secret])
    const hook = new Webhook(secret)
    const at = new Date()
    const signature = hook.sign('evt_1', at, '{"type":"order.paid"}')
    const headers = {
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    }
    expect(hook.verify('{"type":"order.paid"}', headers)).toEqual({ type: 'order.paid' })
  })

  it('reads no configuration: a broken one does not stop it', async () => {
    const { code, stdout } = await runHere(['webhook-secret'], { env: { PORT: 'eighty' } })
    expect(code).toBe(0)
    expect(stdout).toMatch(/^whsec_/)
  })
})
