#!/usr/bin/env node
/**
 * @module bin
 * `portmanat-checkout [command]`, the server package's bin: `serve` (the default) runs the server;
 * `orders …`, `events …`, `doctor` and `webhook-secret` are the operator's tools (`--help` lists
 * them). Configuration from the environment and `.env` in the working folder, as the server reads it.
 */
import { readEnvironment } from './config.ts'

// `… | head` closes the pipe early: that ends the output, not in a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

const argv = process.argv.slice(2)
if (argv.length === 0 || (argv.length === 1 && argv[0] === 'serve')) {
  // The server alone: the operator's tools (and what they load) stay out of its memory.
  const { serve } = await import('./serve.ts')
  await serve()
} else {
  const { runCli } = await import('./cli/main.ts')
  process.exitCode = await runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    // Read when a command needs the configuration: an unreadable .env is then its one-line error.
    get env() {
      return readEnvironment()
    },
    cwd: process.cwd(),
  })
}
