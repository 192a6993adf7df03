#!/usr/bin/env node
/**
 * @module bin
 * `portmanat-checkout [command]`, the server package's bin: `serve` (the default) runs the server;
 * `orders …`, `events …`, `doctor` and `webhook-secret` are the operator's tools (`--help` lists
 * them). Configuration from the environment and `.env` in the working folder, as the server reads it.
 */
import { runCli } from './cli/main.ts'
import { readEnvironment } from './config.ts'

// `… | head` closes the pipe early: that ends the output, not in a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // Read when a command needs the configuration: an unreadable .env is then its one-line error.
  get env() {
    return readEnvironment()
  },
  cwd: process.cwd(),
})
