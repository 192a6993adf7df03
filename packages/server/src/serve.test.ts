import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it, onTestFinished } from 'vitest'

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const SECRET = 'live-secret-that-must-not-print'

async function freePort(): Promise<number> {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const address = probe.address()
  probe.close()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

function start(env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'serve-'))
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(PORTMANAT_|PUBLIC_URL|DATABASE_URL|CATALOG|WEBHOOK_|MERCHANT_|VITEST)/.test(key),
    ),
  )
  const child = spawn(process.execPath, ['--import', TSX, SERVE], {
    cwd,
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })
  return {
    child,
    output: () => ({ stdout, stderr }),
    exit: async () => {
      if (child.exitCode === null) await once(child, 'exit')
      return child.exitCode
    },
  }
}

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
    let healthy = false
    for (let attempt = 0; attempt < 200 && !healthy && run.child.exitCode === null; attempt++) {
      healthy = await fetch(`${url}/healthz`).then(
        (res) => res.ok,
        () => false,
      )
      if (!healthy) await new Promise((done) => setTimeout(done, 100))
    }
    expect(healthy).toBe(true)
    expect(run.output().stderr).toContain('SANDBOX MODE')
    expect(run.output().stderr).toContain(`Demo shop:  ${url}/`)
    expect(run.output().stdout).toContain('"event":"server.started"')
    run.child.kill('SIGTERM')
    expect(await run.exit()).toBe(0)
    expect(run.output().stdout).toContain('"event":"server.stopped"')
  })
})
