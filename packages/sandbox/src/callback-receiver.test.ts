import { describe, expect, it } from 'vitest'
import { callbackReceiver } from './callback-receiver.ts'

describe('callbackReceiver', () => {
  const app = callbackReceiver(async (pspRrn) => `{"asked":"${pspRrn}"}`)

  it('shows a GET callback’s parameters and the /check answer', async () => {
    const response = await app.request('/callback?psp_rrn=1-a%5Db-c%2Bd-e%2Ff&client_rrn=order%3C1%3E')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<code>1-a]b-c+d-e/f</code>')
    expect(html).toContain('order&lt;1&gt;')
    expect(html).toContain('{&quot;asked&quot;:&quot;1-a]b-c+d-e/f&quot;}')
  })

  it('shows a POST callback’s form fields', async () => {
    const response = await app.request('/callback', {
      method: 'POST',
      body: new URLSearchParams({ psp_rrn: 'p', client_rrn: 'c' }),
    })
    const html = await response.text()
    expect(html).toContain('<dd>POST</dd>')
    expect(html).toContain('<code>p</code>')
  })

  it('says when nothing came', async () => {
    expect(await (await app.request('/callback')).text()).toContain('(none)')
  })
})
