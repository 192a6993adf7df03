/**
 * What a command runs with: where it writes, the environment it reads, what it may open, and the
 * errors that end it with an exit code. Tests pass their own streams, environment and store.
 */

import type { Config } from '../config.ts'
import type { Env } from '../config-error.ts'
import type { PspClient } from '../psp/client.ts'
import type { Store } from '../store/types.ts'

/** Exit codes of every command. */
export const EXIT = {
  /** Done; for `doctor`, every check ok. */
  ok: 0,
  /** Failed (a bad variable, no such order, the PSP did not answer); for `doctor`, something to fix. */
  failure: 1,
  /** The command line itself is wrong: unknown command or option, a missing argument. */
  usage: 2,
} as const

/** A stream to write to (`process.stdout`, or a collecting stream in tests). */
export interface Output {
  write(chunk: string | Uint8Array): boolean
  once(event: 'drain', listener: () => void): unknown
}

/** Replaceable parts, for tests; the defaults open what the configuration names. */
export interface CliDeps {
  /** Opens the ledger (the default checks that the database exists and is migrated). */
  openStore?: (config: Config) => Promise<Store>
  /** The PSP client (the default: the in-process sandbox in sandbox mode, else `PORTMANAT_PSP_URL`). */
  psp?: (config: Config) => PspClient
  /** For `doctor`'s look at `PUBLIC_URL`. @default globalThis.fetch */
  fetch?: (input: string, init: RequestInit) => Promise<Response>
  clock?: () => Date
  /** @default node:crypto randomBytes */
  random?: (n: number) => Uint8Array
}

export interface CliIo extends CliDeps {
  stdout: Output
  stderr: Output
  /** The environment, merged over `.env` by the caller (`readEnvironment`). */
  env: Env
  /** Where relative paths (`DATABASE_URL=sqlite:./data/…`, `CATALOG`) start. */
  cwd: string
}

/** Ends a command with one line on stderr and exit code 1. */
export class CliError extends Error {
  override name = 'CliError'
}

/** Ends a command with one line and the command's usage on stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Writes `text`, waiting when the stream asks for it (a CSV of a million orders into a slow pipe). */
export async function write(out: Output, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resume) => out.once('drain', resume))
}

/** Writes lines, each ended by a newline. */
export const writeLines = (out: Output, lines: readonly string[]) =>
  write(out, lines.length === 0 ? '' : `${lines.join('\n')}\n`)

/** Writes `value` as indented JSON and a newline: the only thing `--json` puts on stdout. */
export const writeJson = (out: Output, value: unknown) => write(out, `${JSON.stringify(value, null, 2)}\n`)
