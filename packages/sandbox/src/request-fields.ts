/**
 * Reads the fields of a request body without ever throwing: form-urlencoded (also when the
 * content type is missing, as old integrations send it), multipart, and JSON where allowed.
 */
import type { Context } from 'hono'

/** Every value each field was sent with; JSON values keep their type. */
export type Fields = Map<string, unknown[]>

export type BodyRead = { ok: true; fields: Fields } | { ok: false; reason: 'unsupported' | 'unreadable' }

function add(fields: Fields, key: string, value: unknown) {
  const list = fields.get(key)
  if (list) list.push(value)
  else fields.set(key, [value])
}

/** The query string as fields. */
export function queryFields(c: Context): Fields {
  const fields: Fields = new Map()
  for (const [key, values] of Object.entries(c.req.queries()))
    for (const value of values) add(fields, key, value)
  return fields
}

/**
 * Reads the body. `unsupported` for a content type it does not take, `unreadable` for a body
 * that does not parse.
 */
export async function readFields(c: Context, { json = false } = {}): Promise<BodyRead> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const fields: Fields = new Map()
  try {
    if (type === '' || type === 'application/x-www-form-urlencoded') {
      for (const [key, value] of new URLSearchParams(await c.req.text())) add(fields, key, value)
      return { ok: true, fields }
    }
    if (type === 'multipart/form-data') {
      const form = await c.req.raw.formData()
      for (const [key, value] of form) add(fields, key, typeof value === 'string' ? value : null)
      return { ok: true, fields }
    }
    if (json && (type === 'application/json' || type.endsWith('+json'))) {
      const text = await c.req.text()
      if (text.trim() === '') return { ok: true, fields }
      const parsed: unknown = JSON.parse(text)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return { ok: false, reason: 'unreadable' }
      for (const [key, value] of Object.entries(parsed)) add(fields, key, value)
      return { ok: true, fields }
    }
  } catch {
    return { ok: false, reason: 'unreadable' }
  }
  return { ok: false, reason: 'unsupported' }
}

export type Single =
  | { ok: true; value: string }
  | { ok: false; error: 'required' | 'repeated' | 'not_a_string' }

/** The one string value of a field: missing, empty and repeated fields are errors. */
export function single(fields: Fields, key: string): Single {
  const values = fields.get(key) ?? []
  if (values.length > 1) return { ok: false, error: 'repeated' }
  const [value] = values
  if (value === undefined || value === null || value === '') return { ok: false, error: 'required' }
  if (typeof value !== 'string') return { ok: false, error: 'not_a_string' }
  return { ok: true, value }
}

/** A field's string value for forms of our own pages, `''` when missing or odd. */
export function text(fields: Fields, key: string): string {
  const [value] = fields.get(key) ?? []
  return typeof value === 'string' ? value : ''
}
