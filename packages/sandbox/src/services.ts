/**
 * Partner services: the schema every service passes, the demo credentials and the JSON file loader.
 */
import { readFileSync } from 'node:fs'
import * as v from 'valibot'
import type { SandboxService } from './types.ts'

/**
 * Demo credentials for the sandbox. The secret is public on purpose: it signs nothing real.
 * `callback_url` is empty; the signing server fills in its own.
 */
export const DEMO_SERVICE: SandboxService = Object.freeze({
  service_id: '100001',
  secret: 'sandbox-demo-secret-not-for-real-money',
  title: 'Demo shop',
  callback_url: '',
  callback_method: 'GET',
  test: true,
})

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

const CALLBACK_URL_MESSAGE = 'must be an absolute http(s) URL, or "" for the sandbox’s own result page'

// Every message is written out so that no message echoes the received value: the secret must
// never appear in an error.
const ServiceSchema = v.strictObject(
  {
    service_id: v.pipe(
      v.union(
        [v.string(), v.pipe(v.number(), v.integer(), v.transform(String))],
        'must be a string or an integer',
      ),
      v.regex(/^[0-9A-Za-z_-]{1,32}$/, 'must be 1–32 letters, digits, "_" or "-"'),
    ),
    secret: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')),
    title: v.pipe(
      v.string('must be a string'),
      v.trim(),
      v.minLength(1, 'must not be empty'),
      v.maxLength(200, 'must be at most 200 characters'),
    ),
    callback_url: v.union(
      [v.literal(''), v.pipe(v.string(), v.check(isHttpUrl, CALLBACK_URL_MESSAGE))],
      CALLBACK_URL_MESSAGE,
    ),
    callback_method: v.optional(v.picklist(['GET', 'POST'], 'must be "GET" or "POST"'), 'GET'),
    test: v.optional(v.boolean('must be true or false'), true),
  },
  (issue) => (issue.expected === 'never' ? 'is not a service field' : 'must be an object'),
)

const ServicesSchema = v.array(ServiceSchema, 'must be an array of services')

function describeIssues(issues: readonly v.BaseIssue<unknown>[], prefix: string): string {
  return issues
    .map((issue) => {
      const path = (issue.path ?? []).map((item) =>
        typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`,
      )
      return `${prefix}${path.join('')}: ${issue.message}`
    })
    .join('; ')
}

/**
 * Validates services and fills in defaults; throws one error listing every problem.
 *
 * @example parseServices([{ service_id: '1', secret: 's', title: 'Shop', callback_url: '' }])
 */
export function parseServices(input: unknown, source = 'services'): Required<SandboxService>[] {
  const parsed = v.safeParse(ServicesSchema, input)
  if (!parsed.success) throw new Error(`invalid ${source}: ${describeIssues(parsed.issues, source)}`)
  const seen = new Set<string>()
  for (const service of parsed.output) {
    if (seen.has(service.service_id)) {
      throw new Error(`invalid ${source}: service_id "${service.service_id}" appears twice`)
    }
    seen.add(service.service_id)
  }
  return parsed.output
}

/**
 * Reads services from a JSON file: an array of services or `{"services": [...]}`.
 *
 * @example loadServicesFile('./sandbox-services.json')
 */
export function loadServicesFile(path: string): SandboxService[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable'
    throw new Error(`cannot read services file ${path} (${code})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    // The parser's own message quotes the file, which holds secrets.
    throw new Error(`services file ${path} is not valid JSON`)
  }
  // Either a bare array or {"services": [...]}; anything else is reported by the schema.
  const list =
    typeof json === 'object' && json !== null && !Array.isArray(json) && 'services' in json
      ? json.services
      : json
  return parseServices(list, `services file ${path}`)
}
