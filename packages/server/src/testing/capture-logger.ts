import { createLogger, type Logger } from '../logger.ts'

/** A real pino logger whose JSON lines land in an array, for assertions on what is logged. */
export function captureLogger(level: 'debug' | 'info' = 'debug'): {
  logger: Logger
  lines: string[]
  records: () => Record<string, unknown>[]
} {
  const lines: string[] = []
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) })
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) }
}
