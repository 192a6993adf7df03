/**
 * @module cli
 * `portmanat-checkout [command]`: finds the command, prints help, runs it, and turns what went
 * wrong into one line on stderr and an exit code (0 ok, 1 failed, 2 a wrong command line).
 */
import { readFileSync } from 'node:fs'
import { ConfigError } from '../config-error.ts'
import { redactDatabaseUrl } from '../store/database-url.ts'
import { parseCommand } from './args.ts'
import type { Command } from './command.ts'
import { createContext } from './context.ts'
import { doctor } from './doctor.ts'
import { eventsList } from './events-list.ts'
import { eventsReplay } from './events-replay.ts'
import { type CliIo, EXIT, UsageError, write } from './io.ts'
import { ordersExport } from './orders-export.ts'
import { ordersList } from './orders-list.ts'
import { ordersRecheck } from './orders-recheck.ts'
import { ordersShow } from './orders-show.ts'
import { webhookSecret } from './webhook-secret.ts'

const BIN = 'portmanat-checkout'

/** `serve` only reads its configuration and starts: the server's own module does the rest. */
const serveCommand: Command = {
  name: 'serve',
  summary: 'run the signing server (the default)',
  usage: '',
  help: `Runs the signing server until SIGTERM or SIGINT (then it finishes what is in flight and exits 0).
Configuration from the environment and from .env in the working folder; sandbox mode when no
credentials are set and nothing looks like production. A bad variable: one line, exit 1.`,
  async run(argv) {
    parseCommand(argv, {})
    const { serve } = await import('../serve.ts')
    await serve()
    return EXIT.ok
  },
}

export const COMMANDS: readonly Command[] = [
  serveCommand,
  ordersList,
  ordersShow,
  ordersRecheck,
  ordersExport,
  eventsList,
  eventsReplay,
  doctor,
  webhookSecret,
]

/** The version in this package's package.json (two folders up from both src/cli/ and dist/cli/). */
export function version(): string {
  const json: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
  return typeof json === 'object' && json !== null && 'version' in json && typeof json.version === 'string'
    ? json.version
    : 'unknown'
}

const usageOf = (command: Command) =>
  `usage: ${BIN} ${command.name}${command.usage ? ` ${command.usage}` : ''}`

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length))
  return `usage: ${BIN} [command] [options]

The Portmanat Checkout signing server and its operator's tools. Every command reads the server's
configuration: the environment, and .env in the working folder.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Options:
  -h, --help     this help; after a command, that command's (${BIN} orders list --help)
  -v, --version  the version

Exit codes: 0 ok; 1 failed (or doctor found something to fix); 2 the command line is wrong.
Every environment variable is described in this package's README.md.
`
}

const commandHelp = (command: Command) => `${usageOf(command)}\n\n${command.help}\n`

/** Commands in a group (`orders`), for `portmanat-checkout orders` alone. */
function groupHelp(group: string): string {
  const members = COMMANDS.filter((command) => command.name.startsWith(`${group} `))
  const width = Math.max(...members.map((command) => command.name.length))
  return `usage: ${BIN} ${group} <command>\n\n${members
    .map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`)
    .join('\n')}\n\n${BIN} ${group} <command> --help says more.\n`
}

/** Whether `--help` or `-h` comes before any `--`. */
function asksHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--')
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h')
}

/** The command `argv` names and the arguments after its name, or what to print instead. */
function find(
  argv: readonly string[],
): { command: Command; rest: string[] } | { text: string; code: number } {
  const [first = 'serve', second] = argv
  if (first === '--help' || first === '-h') return { text: mainHelp(), code: EXIT.ok }
  if (first === 'help') {
    const named = COMMANDS.find(
      (command) => command.name === argv.slice(1, 3).join(' ') || command.name === second,
    )
    if (named) return { text: commandHelp(named), code: EXIT.ok }
    if (second && COMMANDS.some((command) => command.name.startsWith(`${second} `))) {
      return { text: groupHelp(second), code: EXIT.ok }
    }
    return { text: mainHelp(), code: second === undefined ? EXIT.ok : EXIT.usage }
  }
  if (first === '--version' || first === '-v') return { text: `${version()}\n`, code: EXIT.ok }
  const two = COMMANDS.find((command) => command.name === `${first} ${second}`)
  if (two) return { command: two, rest: argv.slice(2) }
  const one = COMMANDS.find((command) => command.name === first)
  if (one) return { command: one, rest: argv.slice(1) }
  if (COMMANDS.some((command) => command.name.startsWith(`${first} `))) {
    if (second === undefined || second === '--help' || second === '-h') {
      return { text: groupHelp(first), code: second === undefined ? EXIT.usage : EXIT.ok }
    }
    return { text: `${BIN}: unknown command: ${first} ${second}\n${groupHelp(first)}`, code: EXIT.usage }
  }
  return {
    text: `${BIN}: unknown command: ${first}\nusage: ${BIN} [command] [options]; ${BIN} --help lists the commands\n`,
    code: EXIT.usage,
  }
}

/**
 * Runs the command line `argv` (without `node` and the script) and resolves with the exit code.
 * Writes only to `io.stdout` and `io.stderr`; never exits the process itself (but `serve` runs
 * until a signal ends the process).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const found = find(argv)
  if ('text' in found) {
    await write(found.code === EXIT.ok ? io.stdout : io.stderr, found.text)
    return found.code
  }
  const { command, rest } = found
  if (asksHelp(rest)) {
    await write(io.stdout, commandHelp(command))
    return EXIT.ok
  }
  const context = createContext(io)
  try {
    return await command.run(rest, context)
  } catch (error) {
    if (error instanceof UsageError) {
      await write(io.stderr, `${BIN} ${command.name}: ${error.message}\n${usageOf(command)}\n`)
      return EXIT.usage
    }
    // A bad variable: the same one line the server prints.
    if (error instanceof ConfigError) {
      await write(io.stderr, `${error.message}\n`)
      return EXIT.failure
    }
    const message = error instanceof Error ? error.message : String(error)
    await write(io.stderr, `${BIN} ${command.name}: ${redactDatabaseUrl(message)}\n`)
    return EXIT.failure
  } finally {
    await context.close()
  }
}
