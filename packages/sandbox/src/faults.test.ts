import { describe, expect, it } from 'vitest'
import { Hangs, malform, parseFaultHeader, parseFaults } from './faults.ts'

describe('parseFaultHeader', () => {
  it.each([
    ['status=503', { status: 503 }],
    ['latency=200', { latencyMs: 200 }],
    ['malformed', { malformed: true }],
    ['drop', { drop: true }],
    ['hang', { hang: true }],
    ['latency=50, status=500', { latencyMs: 50, status: 500 }],
    [' latency = 5 ; drop ', { latencyMs: 5, drop: true }],
  ])('%j', (header, faults) => {
    expect(parseFaultHeader(header)).toEqual({ ok: true, faults })
  })

  it.each([
    ['status=418', 'status must be 500, 502, 503 or 504'],
    ['status', 'cannot read "status"'],
    ['latency=-1', 'latencyMs must be a number'],
    ['latency=1e3', 'latencyMs must be a number'],
    ['latency=999999999', 'latencyMs must be at most 300000'],
    ['drop=1', 'cannot read "drop=1"'],
    ['explode', 'cannot read "explode"'],
    ['drop, hang', 'choose at most one of status, malformed, drop and hang'],
  ])('refuses %j clearly', (header, message) => {
    const parsed = parseFaultHeader(header)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toContain(message)
  })
})

describe('parseFaults', () => {
  it('takes times and refuses nonsense', () => {
    expect(parseFaults({ status: 503, times: 2 })).toEqual({ ok: true, faults: { status: 503, times: 2 } })
    expect(parseFaults({ times: 0 })).toMatchObject({ ok: false, message: 'times must be at least 1' })
    expect(parseFaults({ drop: 'yes' })).toMatchObject({ ok: false, message: 'drop must be true or false' })
    expect(parseFaults({ boom: true })).toMatchObject({
      ok: false,
      message: expect.stringContaining('unknown fault'),
    })
    expect(parseFaults(null)).toMatchObject({ ok: false, message: 'faults must be a JSON object' })
    expect(parseFaults([])).toMatchObject({ ok: false })
  })
})

describe('Hangs', () => {
  it('lets a request go when the client gives up', async () => {
    const hangs = new Hangs()
    const controller = new AbortController()
    const waiting = hangs.wait(controller.signal, 60_000)
    expect(hangs.size).toBe(1)
    controller.abort()
    await expect(waiting).resolves.toBe('aborted')
    expect(hangs.size).toBe(0)
  })

  it('lets every request go on release (reset)', async () => {
    const hangs = new Hangs()
    const waits = [
      hangs.wait(new AbortController().signal, 60_000),
      hangs.wait(new AbortController().signal, 60_000),
    ]
    hangs.releaseAll()
    await expect(Promise.all(waits)).resolves.toEqual(['released', 'released'])
  })

  it('gives up by itself at the cap', async () => {
    await expect(new Hangs().wait(new AbortController().signal, 1)).resolves.toBe('capped')
  })

  it('does not wait for an already aborted signal', async () => {
    await expect(new Hangs().wait(AbortSignal.abort(), 60_000)).resolves.toBe('aborted')
  })
})

describe('malform', () => {
  it('cuts JSON so that it no longer parses', () => {
    const json = JSON.stringify({ status: 'OK', code: '0', body: { amount: '5.23' } })
    expect(() => JSON.parse(malform(json))).toThrow()
    expect(json.startsWith(malform(json))).toBe(true)
  })
})
