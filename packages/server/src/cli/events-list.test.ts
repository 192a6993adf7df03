import { describe, expect, it } from 'vitest'
import { storeFactories } from '../testing/engines.ts'
import { createHarness } from '../testing/harness.ts'
import { cliOf, deadAndPending } from './test-harness-cli.ts'

const refusing = async () => ({ ok: false, status_code: 500, error: 'HTTP 500: \u001b[31mno' })

describe.each(storeFactories)('events list on $name', (store) => {
  it('lists messages newest first: id, event, channel, type, order, state, tries, last error, next try', async () => {
    const h = await createHarness({ store, senders: { webhook: refusing } })
    const { dead, pending } = await deadAndPending(h)
    const { code, stdout, stderr } = await cliOf(h)(['events', 'list'])
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^id +event_id +channel +type +client_rrn +status +tries +last_error +next_try$/)
    expect(lines[1]).toMatch(
      new RegExp(
        `^${pending.id} +${pending.event_id} +webhook +order\\.paid +${pending.client_rrn} +pending +0 +- +\\S+Z$`,
      ),
    )
    // The error as the receiver gave it, with its control characters made harmless.
    expect(lines[2]).toMatch(
      new RegExp(
        `^${dead.id} +${dead.event_id} +webhook +order\\.paid +${dead.client_rrn} +dead +1 +HTTP 500: \\?\\[31mno +-$`,
      ),
    )
    expect(lines).toHaveLength(3)
  })

  it('--dead, --status and --channel narrow it; --json is an array of messages', async () => {
    const h = await createHarness({ store, senders: { webhook: refusing } })
    const { dead } = await deadAndPending(h)
    const run = cliOf(h)
    const deadOnly = await run(['events', 'list', '--dead', '--json'])
    expect(deadOnly.stderr).toBe('')
    const listed = JSON.parse(deadOnly.stdout)
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({ id: dead.id, status: 'dead', attempts: 1, last_status_code: 500 })
    expect(listed[0]).not.toHaveProperty('payload')
    expect(JSON.parse((await run(['events', 'list', '--status', 'pending', '--json'])).stdout)).toHaveLength(
      1,
    )
    expect(await run(['events', 'list', '--channel', 'telegram'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No messages.\n',
    })
    expect((await run(['events', 'list', '--dead', '--channel', 'telegram'])).stderr).toBe(
      'No dead messages.\n',
    )
    const limited = await run(['events', 'list', '--limit', '1'])
    expect(limited.stdout.trimEnd().split('\n')).toHaveLength(2)
    expect(limited.stderr).toBe('The newest 1 shown; there may be more (--limit N).\n')
  })
})
