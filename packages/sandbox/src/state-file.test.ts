import { spawn } from 'node:child_process'
import { once } from 'node:events'
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it, onTestFinished } from 'vitest'
import { type PersistedState, readStateFile, StateFile, type StateFileOptions } from './state-file.ts'
import type { SandboxPayment } from './types.ts'

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'sandbox-journal-')), 'state.json')
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').slice(0, -1)

const payment = (i: number, status: SandboxPayment['status'] = 'created'): SandboxPayment => ({
  psp_rrn: `1764200000-aaaaaa-bbbbbb-${String(i).padStart(6, '0')}`,
  bank_rrn: 'O/yn+szmjVxYVMmst0T7Z02zxM0=',
  service_id: '200002',
  client_rrn: `order${String(i).padStart(19, '0')}`,
  amount: '5.23',
  client_ip: '127.0.0.1',
  status,
  created_at: '2026-05-15T08:00:00.000Z',
  updated_at: '2026-05-15T08:00:00.000Z',
})

/** A state holder as SandboxState keeps one: changes applied in memory, then recorded. */
function open(file: string, options?: StateFileOptions) {
  const payments = new Map<string, SandboxPayment>()
  const current = (): PersistedState => ({
    payments: [...payments.values()],
    services: [],
    variant: {},
    faults: null,
  })
  const journal = new StateFile(file, current, options)
  for (const saved of journal.saved?.payments ?? []) payments.set(saved.psp_rrn, saved)
  return {
    journal,
    pay(next: SandboxPayment) {
      payments.set(next.psp_rrn, next)
      journal.record({ payment: next })
    },
  }
}

describe('the state file journal', () => {
  it('appends one line per change and never rewrites what is there', () => {
    const file = tempFile()
    const { pay } = open(file)
    pay(payment(1))
    const [snapshot] = lines(file)
    expect(JSON.parse(snapshot ?? '')).toMatchObject({ version: 2, payments: [{ status: 'created' }] })

    for (let i = 2; i <= 50; i++) {
      const before = statSync(file)
      pay(payment(i))
      const after = statSync(file)
      expect(after.ino).toBe(before.ino)
      expect(after.size - before.size).toBe(`${JSON.stringify({ payment: payment(i) })}\n`.length)
    }
    pay(payment(7, 'paid'))
    expect(lines(file)).toHaveLength(51)
    expect(lines(file)[0]).toBe(snapshot)
    const saved = readStateFile(file)
    expect(saved?.payments).toHaveLength(50)
    expect(saved?.payments[6]).toMatchObject({ psp_rrn: payment(7).psp_rrn, status: 'paid' })
  })

  it('compacts once the changes outnumber the snapshot, through a temp file that does not stay', () => {
    const file = tempFile()
    const { pay } = open(file, { compactAfter: 10 })
    for (let i = 1; i <= 100; i++) pay(payment(i))
    // Snapshots at payments 1, 12, 25 and 51: each one waits for as many changes as it holds
    // records (10 at least), so the file stays within twice the state.
    const [snapshot, ...changes] = lines(file)
    expect(JSON.parse(snapshot ?? '').payments).toHaveLength(51)
    expect(changes).toHaveLength(49)
    expect(readdirSync(join(file, '..'))).toEqual(['state.json'])
    expect(readStateFile(file)?.payments.map((p) => p.psp_rrn)).toEqual(
      Array.from({ length: 100 }, (_, i) => payment(i + 1).psp_rrn),
    )
  })

  it('drops an append cut short, and rewrites the file whole before the next change', () => {
    const file = tempFile()
    const first = open(file)
    first.pay(payment(1))
    first.pay(payment(2))
    const cut = `${JSON.stringify({ payment: payment(3) })}\n`.slice(0, 40)
    appendFileSync(file, cut)

    const second = open(file)
    expect(second.journal.saved?.payments.map((p) => p.psp_rrn)).toEqual([
      payment(1).psp_rrn,
      payment(2).psp_rrn,
    ])
    second.pay(payment(4))
    expect(readFileSync(file, 'utf8')).not.toContain(cut)
    expect(readStateFile(file)?.payments.map((p) => p.psp_rrn)).toEqual([
      payment(1).psp_rrn,
      payment(2).psp_rrn,
      payment(4).psp_rrn,
    ])
  })

  it('starts with a whole snapshot again when the file was removed while running', () => {
    const file = tempFile()
    const { pay } = open(file)
    pay(payment(1))
    rmSync(file)
    pay(payment(2))
    expect(lines(file)).toHaveLength(1)
    expect(readStateFile(file)?.payments).toHaveLength(2)
  })

  it('reads a version 1 file and turns it into a journal at the next change', () => {
    const file = tempFile()
    const v1 = { version: 1, payments: [payment(1)], services: [], variant: {}, faults: null }
    writeFileSync(file, `${JSON.stringify(v1, null, 2)}\n`)
    const { journal, pay } = open(file)
    expect(journal.saved?.payments).toEqual([payment(1)])
    pay(payment(2))
    pay(payment(3))
    expect(JSON.parse(lines(file)[0] ?? '')).toMatchObject({ version: 2 })
    expect(lines(file)).toHaveLength(2)
    expect(readStateFile(file)?.payments).toHaveLength(3)
  })

  it('refuses a change it cannot read, naming its line', () => {
    const file = tempFile()
    open(file).pay(payment(1))
    appendFileSync(file, `${JSON.stringify({ payment: { ...payment(2), status: 'lost' } })}\n`)
    expect(() => open(file)).toThrow(`sandbox state file ${file} is not valid at line 2 (payment.status)`)
    writeFileSync(file, `${lines(file)[0]}\n{"payment":\n`)
    expect(() => open(file)).toThrow(`sandbox state file ${file} is not valid at line 2;`)
  })
})

describe('killed at any moment', () => {
  const WRITER = fileURLToPath(new URL('./test-state-writer.ts', import.meta.url))
  const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

  it('the file reads and holds every payment it acknowledged, over several kills', async () => {
    const file = tempFile()
    // A few thousand payments already kept make every compaction take a while to write.
    const kept = Array.from({ length: 3000 }, (_, i) => payment(i, 'paid'))
    writeFileSync(
      file,
      `${JSON.stringify({ version: 2, payments: kept, services: [], variant: {}, faults: null })}\n`,
    )
    const created = new Set<string>()
    const paid = new Set<string>()
    for (let cycle = 0; cycle < 6; cycle++) {
      const child = spawn(process.execPath, ['--import', TSX, WRITER, file, '8'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      onTestFinished(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      })
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
      })
      while (!output.includes('paid ') && child.exitCode === null) await sleep(10)
      // Kill somewhere in the next stretch of appends and compactions.
      await sleep(30 + cycle * 37)
      child.kill('SIGKILL')
      await once(child, 'exit')
      for (const line of output.split('\n')) {
        const [event, rrn] = line.split(' ')
        if (event === 'created' && rrn) created.add(rrn)
        if (event === 'paid' && rrn) paid.add(rrn)
      }

      const saved = readStateFile(file)
      expect(saved?.payments.length).toBeGreaterThanOrEqual(kept.length + created.size)
      const status = new Map(saved?.payments.map((p) => [p.psp_rrn, p.status]))
      for (const rrn of created) expect(status.has(rrn), `${rrn} acknowledged, then lost`).toBe(true)
      for (const rrn of paid) expect(status.get(rrn), `${rrn} acknowledged paid`).toBe('paid')
    }
    expect(paid.size).toBeGreaterThan(20)
  }, 60_000)
})
