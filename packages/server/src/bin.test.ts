import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('./bin.ts', import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const VERSION: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version

/** Runs the bin to its exit in an empty folder, with nothing of ours in the environment. */
function bin(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !/^(PORTMANAT_|PUBLIC_URL|DATABASE_URL|CATALOG|WEBHOOK_|MERCHANT_|PORT$|HOST$|VITEST)/.test(key),
    ),
  )
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', TSX, BIN, ...args],
      { cwd: mkdtempSync(join(tmpdir(), 'bin-')), env: { ...clean, ...env }, timeout: 20_000 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    )
  })
}

describe('portmanat-checkout (the bin)', () => {
  it('--version prints the package version', async () => {
    expect(await bin(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
  })

  it('--help prints the usage and the commands', async () => {
    const { code, stdout } = await bin(['--help'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^usage: portmanat-checkout \[serve\]/)
    expect(stdout).toContain('serve        run the signing server (the default)')
  })

  it.each([
    [['refund'], 'unknown command: refund'],
    [['serve', '--port=1'], 'unexpected argument: --port=1'],
  ])('%j: one clear line and the usage on stderr, exit 2', async (args, why) => {
    const { code, stdout, stderr } = await bin(args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      `portmanat-checkout: ${why}\nusage: portmanat-checkout [serve] | --help | --version\n`,
    )
  })

  it.each([[[]], [['serve']]])('%j runs serve, which reads the configuration', async (args) => {
    const { code, stderr } = await bin(args, { PORT: 'abc' })
    expect(code).toBe(1)
    expect(stderr).toMatch(/^Invalid configuration: PORT /)
  })
})
