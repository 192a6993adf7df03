import { describe, expect, it } from 'vitest'
import { freePort, startServer } from './testing/server-process.ts'

const SECRET = 'live-secret-that-must-not-print'

const start = (env: Record<string, string>) => startServer(env)

describe('serve (the pnpm start entry)', () => {
  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT /],
    [
      { PORTMANAT_SERVICE_ID: '123', PORTMANAT_SECRET_KEY: SECRET, PUBLIC_URL: 'http://pay.example.az' },
      /^Invalid configuration: PUBLIC_URL .*https/,
    ],
    [{ PORTMANAT_SECRET_KEY: SECRET }, /^Invalid configuration: PORTMANAT_SERVICE_ID /],
  ])('exits 1 with one clear line for %j', async (env, line) => {
    const run = start(env)
    expect(await run.exit()).toBe(1)
    const { stdout, stderr } = run.output()
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(line)
    expect(stderr + stdout).not.toContain(SECRET)
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/)
  })

  it('starts in sandbox mode, says so loudly, answers /healthz and exits 0 on SIGTERM', async () => {
    const port = await freePort()
    const run = start({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: 'sqlite:./data/payments.db',
      LOG_LEVEL: 'info',
    })
    const url = `http://127.0.0.1:${port}`
    expect(await run.healthy(url)).toBe(true)
    expect(run.output().stderr).toContain('SANDBOX MODE')
    expect(run.output().stderr).toContain(`Demo shop:  ${url}/`)
    expect(run.output().stdout).toContain('"event":"server.started"')
    run.child.kill('SIGTERM')
    expect(await run.exit()).toBe(0)
    expect(run.output().stdout).toContain('"event":"server.stopped"')
  })
})
