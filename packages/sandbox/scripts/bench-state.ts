/**
 * What the state file costs per payment, and whether that grows with the payments already kept.
 * For each size, a state file already holding that many payments is opened and a fixed number of
 * payments go through it as `/process` and the bank page drive them (client_rrn check, create,
 * finish), bounded in count and time. The raw baseline, measured in the same run: appending the
 * same payment as one JSON line to a file and fdatasync-ing it, the least a durable record costs.
 *
 *   pnpm --filter @portmanat-checkout/sandbox bench:state [payments=200] [sizes=0,1000,10000,50000]
 */
import {
  appendFileSync,
  closeSync,
  fdatasyncSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_SERVICE } from '../src/services.ts'
import { SandboxState } from '../src/state.ts'
import type { SandboxPayment } from '../src/types.ts'

const count = Math.min(Number(process.argv[2] ?? 200), 5000)
const sizes = (process.argv[3] ?? '0,1000,10000,50000').split(',').map(Number)
const BUDGET_MS = 10_000
const dir = mkdtempSync(join(tmpdir(), 'sandbox-bench-state-'))
const service = { ...DEMO_SERVICE, callback_url: 'http://127.0.0.1/cb' }
const now = () => new Date()

function payment(i: number): SandboxPayment {
  const stamp = new Date().toISOString()
  return {
    psp_rrn: `1764200000-aaaaaa-bbbbbb-${i.toString(36).padStart(6, '0')}`,
    bank_rrn: 'O/yn+szmjVxYVMmst0T7Z02zxM0=',
    service_id: service.service_id,
    client_rrn: `seed${String(i).padStart(20, '0')}`,
    amount: '5.23',
    client_ip: '127.0.0.1',
    status: 'paid',
    created_at: stamp,
    updated_at: stamp,
    card_last4: '4242',
  }
}

/** A state file holding `size` payments, in the format every version reads (version 1). */
function seed(file: string, size: number) {
  const payments = Array.from({ length: size }, (_, i) => payment(i))
  writeFileSync(file, JSON.stringify({ version: 1, payments, services: [], variant: {}, faults: null }))
}

/** Microseconds per payment over at most `count` payments or BUDGET_MS, whichever ends first. */
function timeState(size: number): { us: number; done: number } {
  const file = join(dir, `state-${size}.json`)
  seed(file, size)
  const state = new SandboxState({
    services: [service],
    variant: {},
    faults: undefined,
    stateFile: file,
    now,
  })
  // One payment first: a file of an older version is rewritten once, at its first change.
  state.create({
    service_id: service.service_id,
    client_rrn: 'warm'.padEnd(24, '0'),
    amount: '5.23',
    client_ip: '127.0.0.1',
  })
  const started = performance.now()
  let done = 0
  while (done < count && performance.now() - started < BUDGET_MS) {
    const clientRrn = `b${String(size).padStart(8, '0')}${String(done).padStart(15, '0')}`
    if (state.clientRrnUsed(service.service_id, clientRrn)) throw new Error('client_rrn reused')
    const created = state.create({
      service_id: service.service_id,
      client_rrn: clientRrn,
      amount: '5.23',
      client_ip: '127.0.0.1',
    })
    state.finish(created.psp_rrn, 'paid', { card_last4: '4242' })
    done++
  }
  const us = ((performance.now() - started) * 1000) / done
  rmSync(file, { force: true })
  return { us, done }
}

/** The same two records per payment, appended and fdatasync-ed: the raw floor. */
function timeRaw(): number {
  const file = join(dir, 'raw.jsonl')
  const fd = openSync(file, 'a')
  const started = performance.now()
  for (let i = 0; i < count; i++) {
    for (const status of ['created', 'paid'] as const) {
      appendFileSync(fd, `${JSON.stringify({ payment: { ...payment(i), status } })}\n`)
      fdatasyncSync(fd)
    }
  }
  const us = ((performance.now() - started) * 1000) / count
  closeSync(fd)
  return us
}

try {
  const raw = timeRaw()
  console.log(`state file, per payment (client_rrn check + create + finish), ${count} payments per size`)
  console.log(`raw append + fdatasync of the same two records: ${raw.toFixed(0)} µs per payment`)
  for (const size of sizes) {
    const { us, done } = timeState(size)
    const ratio = raw / us
    console.log(
      `${String(size).padStart(6)} payments kept: ${us.toFixed(0).padStart(7)} µs per payment ` +
        `(${done} payments) · ${ratio.toFixed(2)} of raw`,
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
