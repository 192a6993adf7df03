/**
 * @module bench
 * `pnpm bench`: the real server against raw `node:http` baselines doing the same job with the same
 * engine and durability, loaded alternately with autocannon on loopback and bounded in time; one
 * table of ratios against the targets of issue 11. See docs/benchmarks.md.
 *
 *   pnpm bench                          every case (PostgreSQL too when TEST_DATABASE_URL is set)
 *   pnpm bench -- --only checkout       some cases: checkout, checkout-pg, payments, widget, callback, million
 *   pnpm bench -- --quick               fewer, shorter rounds
 *   pnpm bench -- --profile             also CPU-profile our server (node --cpu-prof) and print where time goes
 *   pnpm bench -- --rounds 5 --seconds 4 --connections 10
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { callback } from './bench/cases/callback.ts'
import { checkoutPostgres, checkoutSqlite } from './bench/cases/checkout.ts'
import { million } from './bench/cases/million.ts'
import { payments, widget } from './bench/cases/reads.ts'
import type { BenchContext, Row } from './bench/context.ts'
import { migratedTemplate } from './bench/databases.ts'
import { formatProfile, profilesIn } from './bench/profile.ts'
import { memoryLine, notes, table } from './bench/report.ts'
import { serverCommand } from './harness/commands.ts'
import { commit, machine } from './harness/machine.ts'
import { postgresUrl } from './harness/postgres.ts'

const CASES = [checkoutSqlite, checkoutPostgres, payments, widget, callback, million]

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    only: { type: 'string', multiple: true },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
  },
})

const names = (values.only ?? []).flatMap((value) => value.split(',')).filter(Boolean)
const unknown = names.filter((name) => !CASES.some((c) => c.name === name))
if (unknown.length > 0) {
  console.error(`unknown case ${unknown.join(', ')}; cases: ${CASES.map((c) => c.name).join(', ')}`)
  process.exit(2)
}
const selected = names.length > 0 ? CASES.filter((c) => names.includes(c.name)) : CASES

const number = (value: string | undefined, fallback: number) => {
  const n = value === undefined ? fallback : Number(value)
  if (!(n > 0)) throw new Error(`not a positive number: ${value}`)
  return n
}
const quick = values.quick ?? false
const timing = {
  rounds: number(values.rounds, quick ? 2 : 3),
  seconds: number(values.seconds, quick ? 1.5 : 3),
  warmupSeconds: quick ? 1 : 2,
}
const connections = number(values.connections, 10)
const workDir = mkdtempSync(join(tmpdir(), 'portmanat-bench-'))
const profileDir = values.profile ? join(tmpdir(), `portmanat-bench-profiles-${Date.now()}`) : undefined
if (profileDir) mkdirSync(profileDir, { recursive: true })
const log = (line: string) => console.log(`  ${line}`)

console.log(`portmanat-checkout bench, ${new Date().toISOString()}`)
console.log(`machine: ${machine()}`)
console.log(`commit:  ${commit()}`)
const server = serverCommand()
const shown = server.args.map((arg) => (isAbsolute(arg) ? relative(process.cwd(), arg) : arg)).join(' ')
console.log(`server:  node ${shown} (${server.form}); sandbox mode, RATE_LIMIT=off, LOG_LEVEL=silent`)
console.log(
  `load:    autocannon on loopback, ${connections} connections, ${timing.rounds} rounds × ${timing.seconds} s per side after a ${timing.warmupSeconds} s warm-up, ours and baseline alternately`,
)
if (profileDir) console.log(`profile: node --cpu-prof into ${profileDir} (profiling slows our side a little)`)
console.log('')

const rows: Row[] = []
const failures: string[] = []
try {
  const ctx: BenchContext = {
    timing,
    connections,
    template: await migratedTemplate(mkdtempSync(join(workDir, 'template-'))),
    workDir,
    ...(profileDir ? { profileDir } : {}),
    ...(postgresUrl() ? { postgresUrl: postgresUrl() } : {}),
    quick,
    log,
  }
  for (const benchCase of selected) {
    console.log(`${benchCase.name}: ${benchCase.title}`)
    const started = performance.now()
    try {
      const caseRows = await benchCase.run(ctx)
      rows.push(...caseRows)
      for (const row of caseRows) {
        const cpu =
          row.ours.cpuUs && row.base.cpuUs
            ? `; CPU ${Math.round(row.ours.cpuUs)} / ${Math.round(row.base.cpuUs)} µs per request`
            : ''
        log(
          `${row.baseline}: ours ${Math.round(row.ours.rps)} req/s, baseline ${Math.round(row.base.rps)} req/s, ratio ${row.ratio.ratio.toFixed(2)}${cpu}`,
        )
      }
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
      failures.push(`${benchCase.name}: ${message}`)
      log(`FAILED: ${message}`)
    }
    log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`)
  }
} finally {
  rmSync(workDir, { recursive: true, force: true })
}

console.log('')
console.log(table(rows))
console.log('')
console.log(memoryLine(rows))
for (const line of notes(rows)) console.log(line)
if (profileDir) {
  // One folder per server profiled (startOurs): a case's own, and e.g. million-empty for its other side.
  for (const folder of readdirSync(profileDir).sort()) {
    for (const file of profilesIn(join(profileDir, folder)))
      console.log(`\n${folder}: ${formatProfile(file)}`)
  }
}
if (failures.length > 0) {
  console.error(`\n${failures.length} case(s) failed:\n${failures.join('\n')}`)
  process.exitCode = 1
}
