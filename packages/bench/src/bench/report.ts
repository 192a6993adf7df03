/** The printed table: one markdown table, then the memory line. */
import type { Row } from './context.ts'

/** Peak RSS of our server under load, from the issue. */
const RSS_TARGET_MB = 120

/** A side with more unexpected answers than this share of its expected ones makes the row an error. */
const BAD_SHARE = 0.005

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '—')
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '—')
const ratio = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—')

/** CPU per request of both sides, and the baseline's over ours: the ratio other load moves least. */
function cpu(row: Row): string {
  const [ours, base] = [row.ours.cpuUs, row.base.cpuUs]
  if (ours === undefined || base === undefined) return '—'
  return `${int(ours)} / ${int(base)} (${ratio(base / ours)})`
}

function verdict(row: Row): string {
  const bad = [row.ours, row.base].find((side) => side.bad > side.ok * BAD_SHARE)
  if (bad) return `ERROR: unexpected answers ${JSON.stringify(bad.statuses)}`
  if (!row.target) return '—'
  return row.ratio.ratio >= row.target.min ? 'PASS' : 'MISS'
}

export function table(rows: Row[]): string {
  const lines = [
    '| path | baseline | ours req/s | baseline req/s | ratio (per round) | bar | result | ours p50 / p99 ms | baseline p50 / p99 ms | CPU µs/req ours / baseline (ratio) | peak RSS |',
    '| --- | --- | ---: | ---: | --- | --- | --- | --- | --- | --- | ---: |',
  ]
  for (const row of rows) {
    const bar = row.target ? `≥ ${row.target.min}${row.target.kind === 'goal' ? ' (goal)' : ''}` : '—'
    lines.push(
      `| ${row.path} | ${row.baseline} | ${int(row.ours.rps)} | ${int(row.base.rps)} | **${ratio(row.ratio.ratio)}** (${ratio(row.ratio.min)}–${ratio(row.ratio.max)}) | ${bar} | ${verdict(row)} | ${ms(row.ours.p50)} / ${ms(row.ours.p99)} | ${ms(row.base.p50)} / ${ms(row.base.p99)} | ${cpu(row)} | ${row.rssKb ? `${(row.rssKb / 1024).toFixed(0)} MB` : '—'} |`,
    )
  }
  return lines.join('\n')
}

/** The peak over every case, against the target. */
export function memoryLine(rows: Row[]): string {
  const peaks = rows.map((row) => row.rssKb ?? 0)
  const peak = Math.max(0, ...peaks) / 1024
  if (peak === 0) return 'peak RSS of our server under load: not measured (no /proc)'
  const where = rows.find((row) => (row.rssKb ?? 0) / 1024 === peak)?.path ?? ''
  return `peak RSS of our server under load: ${peak.toFixed(0)} MB (in ${where}); target ≤ ${RSS_TARGET_MB} MB: ${peak <= RSS_TARGET_MB ? 'PASS' : 'MISS'}`
}

/** Notes of the rows that carry one. */
export function notes(rows: Row[]): string[] {
  return rows.filter((row) => row.note).map((row) => `- ${row.path}: ${row.note}`)
}
