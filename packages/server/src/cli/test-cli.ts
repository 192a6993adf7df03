/**
 * Test helpers of the CLI: the command line run in this process (fast; a store and a PSP handed
 * in) or as a real child process (the bin under tsx: exit codes, stdout and stderr apart).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { CliDeps } from './io.ts'
import { runCli } from './main.ts'

export interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

/** A stream that keeps what is written to it. */
export class Collected extends Writable {
  text = ''
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
    this.text += chunk.toString()
    done()
  }
}

/** The environment of a sandbox setup for in-process runs (over which `env` goes). */
export const SANDBOX_ENV = {
  PORTMANAT_MODE: 'sandbox',
  PUBLIC_URL: 'http://127.0.0.1:8787',
  DATABASE_URL: 'sqlite::memory:',
  LOG_LEVEL: 'warn',
}

/** Runs the command line in this process with `env` as the whole environment. */
export async function runHere(
  argv: string[],
  {
    env = SANDBOX_ENV,
    cwd = process.cwd(),
    ...deps
  }: { env?: Record<string, string>; cwd?: string } & CliDeps = {},
): Promise<Ran> {
  const stdout = new Collected()
  const stderr = new Collected()
  const code = await runCli(argv, { stdout, stderr, env, cwd, ...deps })
  return { code, stdout: stdout.text, stderr: stderr.text }
}

const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/** Variables of ours that must not leak from the test's own environment into a child. */
const OURS =
  /^(PORTMANAT_|PUBLIC_URL|DATABASE_URL|CATALOG|ALLOWED_ORIGINS|WEBHOOK_|MERCHANT_|TELEGRAM_|SMTP_|MAIL_|DASHBOARD_|NOTICE_|NODE_ENV|HOST$|PORT$|LOG_LEVEL|RATE_LIMIT|TRUST_PROXY|VITEST)/

/** A fresh working folder (its `.env`, its `./data/`). */
export const folder = () => mkdtempSync(join(tmpdir(), 'cli-'))

/** Runs the bin as a child process to its end, with `env` over a cleaned environment, in `cwd`. */
export function runChild(
  argv: string[],
  {
    env = {},
    cwd = folder(),
    timeoutMs = 30_000,
  }: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<Ran> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !OURS.test(key)))
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', TSX, BIN, ...argv],
      { cwd, env: { ...clean, ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    )
  })
}
