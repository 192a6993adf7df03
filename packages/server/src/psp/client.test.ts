import { describe, expect, it } from 'vitest'
import { createPspClient, type FetchLike } from './client.ts'

const PAID = JSON.stringify({
  status: 'OK',
  code: '0',
  description: 'OK',
  body: { amount: '5.23', client_rrn: 'a'.repeat(24), psp_rrn: 'p-1', bank_rrn: 'b/+=' },
})

/** A fetch that answers from a script, one entry per call, and records what was sent. */
function scripted(...answers: Array<(() => Promise<Response>) | Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = []
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init })
    const next = answers[Math.min(calls.length - 1, answers.length - 1)]
    if (!next) throw new Error('no answer scripted')
    return typeof next === 'function' ? next() : next.clone()
  }
  return { fetch, calls }
}

const noSleep = async () => {}

describe('createPspClient().check', () => {
  it('POSTs psp_rrn as a form field to {base}/check and parses the answer', async () => {
    const { fetch, calls } = scripted(new Response(PAID))
    const psp = createPspClient({ baseUrl: 'https://psp.example', fetch, sleep: noSleep })
    const result = await psp.check('1495199725-5xfasd-6CVI3o-l]Bupz')
    expect(result.kind).toBe('paid')
    expect(calls).toHaveLength(1)
    expect(calls[0]?.url).toBe('https://psp.example/check')
    expect(calls[0]?.init.method).toBe('POST')
    expect(new Headers(calls[0]?.init.headers).get('content-type')).toBe('application/x-www-form-urlencoded')
    expect(new URLSearchParams(String(calls[0]?.init.body)).get('psp_rrn')).toBe(
      '1495199725-5xfasd-6CVI3o-l]Bupz',
    )
  })

  it('retries a 5xx and then succeeds', async () => {
    const { fetch, calls } = scripted(new Response('bad gateway', { status: 502 }), new Response(PAID))
    const result = await createPspClient({ baseUrl: 'https://psp.example', fetch, sleep: noSleep }).check(
      'p-1',
    )
    expect(result.kind).toBe('paid')
    expect(calls).toHaveLength(2)
  })

  it('gives up after the bounded number of attempts with a reason, without throwing', async () => {
    const { fetch, calls } = scripted(new Response('oops', { status: 503 }))
    const result = await createPspClient({
      baseUrl: 'https://psp.example',
      fetch,
      attempts: 3,
      sleep: noSleep,
    }).check('p')
    expect(result).toEqual({ kind: 'unreadable', reason: 'HTTP 503' })
    expect(calls).toHaveLength(3)
  })

  it('retries network errors and backs off between attempts', async () => {
    const delays: number[] = []
    const { fetch, calls } = scripted(() => Promise.reject(new TypeError('fetch failed')))
    const psp = createPspClient({
      baseUrl: 'https://psp.example',
      fetch,
      attempts: 3,
      backoffMs: 100,
      sleep: async (ms) => void delays.push(ms),
    })
    const result = await psp.check('p')
    expect(result.kind).toBe('unreadable')
    expect(result.kind === 'unreadable' && result.reason).toMatch(/^network error: fetch failed/)
    expect(calls).toHaveLength(3)
    expect(delays).toEqual([100, 200])
  })

  it('times out a PSP that never answers, even when fetch ignores the signal', async () => {
    const { fetch } = scripted(() => new Promise<Response>(() => {}))
    const psp = createPspClient({
      baseUrl: 'https://psp.example',
      fetch,
      timeoutMs: 20,
      attempts: 2,
      sleep: noSleep,
    })
    expect(await psp.check('p')).toEqual({ kind: 'unreadable', reason: 'timeout after 20 ms' })
  })

  it('reports malformed JSON as unreadable after retrying', async () => {
    const { fetch, calls } = scripted(new Response('{"status":"OK","co'))
    const result = await createPspClient({ baseUrl: 'https://psp.example', fetch, sleep: noSleep }).check('p')
    expect(result).toEqual({ kind: 'unreadable', reason: 'HTTP 200: not JSON' })
    expect(calls).toHaveLength(3)
  })

  it('does not retry an answer it could read, such as BAD 20', async () => {
    const bad = JSON.stringify({ status: 'BAD', code: 20, description: 'RRN is wrong' })
    const { fetch, calls } = scripted(new Response(bad))
    const result = await createPspClient({ baseUrl: 'https://psp.example', fetch, sleep: noSleep }).check('p')
    expect(result.kind).toBe('rejected')
    expect(calls).toHaveLength(1)
  })

  it('honours a per-call attempt limit', async () => {
    const { fetch, calls } = scripted(new Response('x', { status: 500 }))
    await createPspClient({ baseUrl: 'https://psp.example', fetch, sleep: noSleep }).check('p', {
      attempts: 1,
    })
    expect(calls).toHaveLength(1)
  })
})
