/**
 * Text for a terminal: aligned tables, times, and values made safe to print (a title or an error
 * from outside could carry escape sequences that rewrite the operator's screen).
 */

/** Control characters (C0, DEL, C1) and the bidirectional overrides that can disguise text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** Text as it may be printed: control characters shown as `?`, cut to `max` characters with `…`. */
export function clean(text: string | null | undefined, max = Number.POSITIVE_INFINITY): string {
  if (text === null || text === undefined || text === '') return '-'
  const safe = text.replace(UNSAFE, '?')
  const chars = [...safe]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : safe
}

/** An ISO timestamp to the second, in UTC: `2026-11-28T10:00:00Z`. */
export function time(iso: string | null | undefined): string {
  if (!iso) return '-'
  const at = new Date(iso)
  return Number.isNaN(at.getTime()) ? clean(iso) : at.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** How long from `now` to `iso`, roughly: `in 30 s`, `5 min ago`, `2 h ago`, `3 d ago`. */
export function relative(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime()
  const abs = Math.abs(ms)
  const amount =
    abs < 60_000
      ? `${Math.round(abs / 1000)} s`
      : abs < 3_600_000
        ? `${Math.round(abs / 60_000)} min`
        : abs < 172_800_000
          ? `${Math.round(abs / 3_600_000)} h`
          : `${Math.round(abs / 86_400_000)} d`
  return ms >= 0 ? `in ${amount}` : `${amount} ago`
}

export type Align = 'left' | 'right'

const width = (text: string) => [...text].length

/**
 * Rows under a header, columns two spaces apart, padded to the widest cell (right-aligned where
 * `align` says so), trailing spaces trimmed.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], align: Align[] = []) {
  const widths = header.map((title, i) => Math.max(width(title), ...rows.map((row) => width(row[i] ?? ''))))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(cell)))
        return align[i] === 'right' ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)]
}

/** `1 order`, `2 orders`. */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** The mode an order was made in, as a column: `live`, `test` (sandbox) or `?` (older than the field). */
export const modeMark = (livemode: boolean | null) => (livemode === null ? '?' : livemode ? 'live' : 'test')
