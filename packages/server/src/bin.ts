#!/usr/bin/env node
/**
 * @module bin
 * `portmanat-checkout [command]`, the server package's bin: `serve` (the default) reads the
 * configuration from the environment and `.env`, and runs the server until SIGTERM or SIGINT.
 */
import { readFileSync } from 'node:fs'

const USAGE = 'usage: portmanat-checkout [serve] | --help | --version'

const HELP = `${USAGE}

Commands:
  serve        run the signing server (the default): configuration from the environment
               and from .env in the working directory; sandbox mode when no credentials are set

Options:
  --help       print this help
  --version    print the version

Every environment variable is described in this package's README.md.
`

/** The version in this package's package.json (one folder up from both src/ and dist/). */
function version(): string {
  const json: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  return typeof json === 'object' && json !== null && 'version' in json && typeof json.version === 'string'
    ? json.version
    : 'unknown'
}

const [command = 'serve', ...rest] = process.argv.slice(2)

if (command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(HELP)
} else if (command === '--version' || command === '-v') {
  process.stdout.write(`${version()}\n`)
} else if (command === 'serve' && rest.length === 0) {
  // serve.ts starts the server when imported; it becomes a function to call once it exports one.
  await import('./serve.ts')
} else {
  const what = command === 'serve' ? `unexpected argument: ${rest[0]}` : `unknown command: ${command}`
  process.stderr.write(`portmanat-checkout: ${what}\n${USAGE}\n`)
  process.exitCode = 2
}
