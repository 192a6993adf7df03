import * as v from 'valibot'
import { ApiError } from './errors.ts'

/** Field → messages, from valibot issues (`_` for the body itself). */
export function issueFields(issues: readonly v.BaseIssue<unknown>[]): Record<string, string[]> {
  // A Map, not an object literal: a field may be called `constructor` or `__proto__`.
  const fields = new Map<string, string[]>()
  for (const issue of issues) {
    const key = issue.path?.map((item) => String(item.key)).join('.') || '_'
    fields.set(key, [...(fields.get(key) ?? []), issue.message])
  }
  return Object.fromEntries(fields)
}

/** Parses or throws a 400 `invalid_request` whose `fields` say what is wrong where. */
export function validate<const S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, input, { abortPipeEarly: true })
  if (parsed.success) return parsed.output
  const fields = issueFields(parsed.issues)
  const first = Object.entries(fields)[0]
  const message = first ? (first[0] === '_' ? first[1][0] : `${first[0]}: ${first[1][0]}`) : 'invalid request'
  throw new ApiError(400, 'invalid_request', message ?? 'invalid request', fields)
}
