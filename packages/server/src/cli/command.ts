/** The shape of one command of the CLI: its name, its help, and what it does. */
import type { CliContext } from './context.ts'

export interface Command {
  /** The words that call it: `orders list`, `doctor`. */
  name: string
  /** One line for the list of commands. */
  summary: string
  /** Its arguments and options after the name: `[--json] <client_rrn>`. */
  usage: string
  /** What `--help` prints after the usage line. */
  help: string
  /** Runs it with the arguments after its name; resolves with the exit code. */
  run(argv: readonly string[], context: CliContext): Promise<number>
}
