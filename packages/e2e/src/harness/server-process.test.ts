import { rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startServer } from './server-process.ts'

describe('startServer', () => {
  it('starts the real server in sandbox mode, restarts it on the same port, and stops it with exit 0', async () => {
    const server = await startServer({ allowedOrigins: ['http://127.0.0.1:9'] })
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
      expect(server.output()).toMatch(/sandbox/i)
      await server.restart()
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null })
      rmSync(server.dataDir, { recursive: true, force: true })
    }
  })

  it("fails with the child's own output when the server refuses its configuration", async () => {
    const start = startServer({
      allowedOrigins: ['http://127.0.0.1:9'],
      env: { CATALOG: '/nonexistent/catalog.json' },
    })
    await expect(start).rejects.toThrow(/exited during start[\s\S]*CATALOG/)
  })
})
