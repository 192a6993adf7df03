/**
 * What no request may get from our server, whatever it sends: a 5xx, an API error in another
 * shape than `{"error": {"code", "message", "fields"?}}` (or not JSON at all), a redirect to an
 * origin that is not ours or allowed, or any secret in any byte of the answer.
 */
import type { Answer, HostileRequest, Outcome } from './send.ts'

export interface Rules {
  /** The server's own origins (`http://127.0.0.1:PORT`, `http://localhost:PORT`) and ALLOWED_ORIGINS. */
  allowedOrigins: readonly string[]
  /** Where relative `Location`s resolve. */
  base: string
  /** Strings that must never appear in an answer. */
  secrets: readonly string[]
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Why `body` is not the documented error shape, or undefined when it is. */
export function errorShapeProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'not a JSON object'
  const keys = Object.keys(body)
  if (keys.length !== 1 || keys[0] !== 'error')
    return `top-level keys ${JSON.stringify(keys)}, expected only "error"`
  const error = body.error
  if (!isObject(error)) return '"error" is not an object'
  for (const key of Object.keys(error)) {
    if (!['code', 'message', 'fields'].includes(key)) return `unexpected key error.${key}`
  }
  if (typeof error.code !== 'string' || !/^[a-z_]+$/.test(error.code))
    return 'error.code is not a snake_case string'
  if (typeof error.message !== 'string' || error.message === '')
    return 'error.message is not a non-empty string'
  if ('fields' in error) {
    const fields = error.fields
    if (!isObject(fields)) return 'error.fields is not an object'
    for (const [field, messages] of Object.entries(fields)) {
      if (!Array.isArray(messages) || !messages.every((m) => typeof m === 'string')) {
        return `error.fields.${field} is not a list of strings`
      }
    }
  }
  return undefined
}

/** Paths whose errors are ours to shape: the JSON API (the callback answers buyers with pages). */
const isApi = (path: string) => path.startsWith('/api/') && !path.startsWith('/api/callback')

/**
 * An API error that is not JSON at all: what Node (431, 400 for bytes that are not HTTP) and the
 * Node adapter (400 for a request it cannot make a web `Request` of) answered before the server
 * shaped those answers too.
 */
function nonJsonApiError(request: HostileRequest, outcome: Outcome): string | undefined {
  if (request.kind !== 'http' || request.method === 'HEAD') return undefined
  const path = request.path.split('?')[0] ?? ''
  if (!isApi(path)) return undefined
  const answer = outcome.answers[0]
  if (!answer || answer.status < 400) return undefined
  if ((answer.headers['content-type'] ?? '').startsWith('application/json')) return undefined
  return `${answer.status} ${answer.headers['content-type'] ?? '(no content type)'} for ${request.method} ${request.path.slice(0, 80)}`
}

function answerProblems(request: HostileRequest, answer: Answer, rules: Rules): string[] {
  const found: string[] = []
  if (answer.status >= 500) found.push(`status ${answer.status}`)
  const location = answer.headers.location
  if (answer.status >= 300 && answer.status < 400 && location !== undefined) {
    let origin: string | undefined
    try {
      origin = new URL(location, rules.base).origin
    } catch {
      found.push(`unparseable Location ${JSON.stringify(location)}`)
    }
    if (origin !== undefined && !rules.allowedOrigins.includes(origin)) found.push(`redirect to ${location}`)
  }
  if (request.kind !== 'http' || answer.body === undefined || request.method === 'HEAD') return found
  const path = request.path.split('?')[0] ?? ''
  const json = (answer.headers['content-type'] ?? '').startsWith('application/json')
  if (answer.status >= 400 && json && !path.startsWith('/sandbox/')) {
    let body: unknown
    try {
      body = JSON.parse(answer.body.toString('utf8'))
    } catch {
      found.push(`error ${answer.status} says JSON but is not`)
      return found
    }
    const shape = errorShapeProblem(body)
    if (shape) found.push(`error ${answer.status} body: ${shape}`)
  }
  return found
}

/** Every rule `outcome` breaks, as readable lines (empty when it breaks none). */
export function problems(request: HostileRequest, outcome: Outcome, rules: Rules): string[] {
  const found = outcome.answers.flatMap((answer) => answerProblems(request, answer, rules))
  const plain = nonJsonApiError(request, outcome)
  if (plain) found.push(`an API error that is not JSON: ${plain}`)
  // Nobody listening: the server is gone (a crash), whatever the request was.
  if (outcome.noAnswer?.includes('ECONNREFUSED')) found.push(`no server: ${outcome.noAnswer}`)
  const decoded = outcome.answers.map((answer) => answer.body?.toString('latin1') ?? '').join('\n')
  for (const secret of rules.secrets) {
    if (outcome.text.includes(secret) || decoded.includes(secret)) found.push('a secret is in the answer')
  }
  return found
}
