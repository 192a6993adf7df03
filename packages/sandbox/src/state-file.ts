/**
 * The optional state file, so a restart between checkout and callback loses nothing. It is a
 * journal of JSON lines: a snapshot of everything first, then one line per change,
 *
 *   {"version":2,"payments":[…],"services":[…],"variant":{…},"faults":null}
 *   {"payment":{…}}  {"services":[…]}  {"variant":{…}}  {"faults":{…}|null}
 *
 * so a payment costs one short append and one fdatasync, however many payments the file holds.
 * Once the changes outnumber what the snapshot held (and at least `compactAfter`), the file is
 * compacted: a fresh snapshot is written to a temp file, synced and renamed over it, which keeps
 * the amortised cost per change constant too.
 *
 * A kill at any moment leaves a file that reads: an append cut short is a last line without its
 * newline, dropped on reading (its change was never acknowledged, as the write comes before the
 * answer); a compaction cut short leaves the old file whole. Version 1 files (one JSON snapshot,
 * rewritten on every change) still read, and become a journal at the next change.
 */
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { dirname } from 'node:path'
import * as v from 'valibot'
import { VariantSchema } from './check-response.ts'
import { FaultsSchema } from './faults.ts'
import { parseServices } from './services.ts'
import type { CheckVariant, Faults, SandboxPayment, SandboxService } from './types.ts'

/** Everything the sandbox keeps across restarts. */
export interface PersistedState {
  payments: SandboxPayment[]
  /** Services added at run time; those from the options are not stored. */
  services: Required<SandboxService>[]
  variant: CheckVariant
  faults: Faults | null
}

/** One change, as a journal line: a payment created or moved, services added, a setting. */
export type StateChange =
  | { payment: SandboxPayment }
  | { services: Required<SandboxService>[] }
  | { variant: CheckVariant }
  | { faults: Faults | null }

const Iso = v.pipe(v.string(), v.isoTimestamp())

const PaymentSchema = v.object({
  psp_rrn: v.string(),
  bank_rrn: v.string(),
  service_id: v.string(),
  client_rrn: v.string(),
  amount: v.string(),
  client_ip: v.string(),
  status: v.picklist(['created', 'pending', 'paid', 'failed']),
  created_at: Iso,
  updated_at: Iso,
  pending_until: v.optional(Iso),
  card_last4: v.optional(v.string()),
})

const SnapshotSchema = v.object({
  version: v.picklist([1, 2]),
  payments: v.array(PaymentSchema),
  services: v.array(v.unknown()),
  variant: VariantSchema,
  faults: v.nullable(FaultsSchema),
})

/** A change line as read: one key, whose value has the schema named here. */
type ChangeLine =
  | { payment: SandboxPayment }
  | { services: unknown[] }
  | { variant: CheckVariant }
  | { faults: Faults | null }

const CHANGES: Record<string, v.GenericSchema<unknown, ChangeLine>> = {
  payment: v.strictObject({ payment: PaymentSchema }),
  services: v.strictObject({ services: v.array(v.unknown()) }),
  variant: v.strictObject({ variant: VariantSchema }),
  faults: v.strictObject({ faults: v.nullable(FaultsSchema) }),
}

/** What reading found, beyond the state itself: what the next write must know. */
interface Reading {
  state: PersistedState
  /** Changes after the snapshot. */
  changes: number
  /** A version 1 file, or a journal whose last append was cut short: rewrite before appending. */
  rewrite: boolean
}

function invalid(path: string, where: string): Error {
  return new Error(`sandbox state file ${path} is not valid at ${where}; move it away to start afresh`)
}

function parseOrThrow<T>(schema: v.GenericSchema<unknown, T>, input: unknown, path: string, line: number) {
  const parsed = v.safeParse(schema, input)
  if (parsed.success) return parsed.output
  const issue = parsed.issues[0]
  const key = (issue?.path ?? []).map((item) => String(item.key)).join('.')
  throw invalid(path, line === 1 ? key || 'top level' : `line ${line}${key ? ` (${key})` : ''}`)
}

function read(path: string): Reading | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined
    throw new Error(`cannot read sandbox state file ${path}`)
  }
  const lines = text.split('\n')
  // After the last newline: a change whose append was cut short, or '' when none was.
  const torn = lines.pop() ?? ''
  let first: unknown
  try {
    first = JSON.parse(lines[0] ?? torn)
  } catch {
    // Version 1 wrote its one snapshot over several lines.
    let whole: unknown
    try {
      whole = JSON.parse(text)
    } catch {
      throw new Error(`sandbox state file ${path} is not valid JSON; move it away to start afresh`)
    }
    return { state: snapshot(path, whole), changes: 0, rewrite: true }
  }
  const state = snapshot(path, first)
  const payments = new Map(state.payments.map((payment) => [payment.psp_rrn, payment]))
  const services = new Map(state.services.map((service) => [service.service_id, service]))
  for (let i = 1; i < lines.length; i++) {
    let json: unknown
    try {
      json = JSON.parse(lines[i] ?? '')
    } catch {
      throw invalid(path, `line ${i + 1}`)
    }
    const key = typeof json === 'object' && json !== null ? Object.keys(json)[0] : undefined
    const schema = key === undefined ? undefined : CHANGES[key]
    if (!schema) throw invalid(path, `line ${i + 1}`)
    const change = parseOrThrow(schema, json, path, i + 1)
    if ('payment' in change) payments.set(change.payment.psp_rrn, change.payment)
    else if ('services' in change) {
      for (const service of parseServices(change.services, `state file ${path} line ${i + 1} services`)) {
        services.set(service.service_id, service)
      }
    } else if ('variant' in change) state.variant = change.variant
    else state.faults = change.faults
  }
  return {
    state: { ...state, payments: [...payments.values()], services: [...services.values()] },
    changes: Math.max(0, lines.length - 1),
    // A torn append must not be continued: the next change rewrites the file without it.
    rewrite: torn !== '',
  }
}

function snapshot(path: string, json: unknown): PersistedState {
  const { payments, services, variant, faults } = parseOrThrow(SnapshotSchema, json, path, 1)
  return { payments, services: parseServices(services, `state file ${path} services`), variant, faults }
}

/** Reads the state file; `undefined` when it does not exist yet. Throws when it is unreadable. */
export function readStateFile(path: string): PersistedState | undefined {
  return read(path)?.state
}

export interface StateFileOptions {
  /**
   * Compact once there are this many changes after the snapshot, or as many as it holds records
   * if that is more.
   * @default 1000
   */
  compactAfter?: number
}

/** The state file of one sandbox: what it held when opened, and the writer of every change. */
export class StateFile {
  /** What the file held when opened; `undefined` when it did not exist. */
  readonly saved: PersistedState | undefined
  readonly #path: string
  readonly #current: () => PersistedState
  readonly #compactAfter: number
  #changes: number
  #limit: number
  #rewrite: boolean

  /** `current` gives the whole state as it is now, for a compaction. */
  constructor(path: string, current: () => PersistedState, { compactAfter = 1000 }: StateFileOptions = {}) {
    this.#path = path
    this.#current = current
    this.#compactAfter = compactAfter
    const reading = read(path)
    this.saved = reading?.state
    this.#changes = reading?.changes ?? 0
    this.#limit = this.#limitFor(reading?.state)
    // Nothing is written until something changes; the first write then makes a whole file.
    this.#rewrite = !reading || reading.rewrite
  }

  /** Records one change, already applied to the state `current` gives. Durable on return. */
  record(change: StateChange): void {
    if (this.#rewrite || this.#changes >= this.#limit) {
      this.compact()
      return
    }
    let fd: number
    try {
      // Never creates the file: a journal without its snapshot would not read.
      fd = openSync(this.#path, constants.O_WRONLY | constants.O_APPEND)
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error
      this.compact()
      return
    }
    try {
      writeAll(fd, `${JSON.stringify(change)}\n`)
      fdatasyncSync(fd)
    } finally {
      closeSync(fd)
    }
    this.#changes++
  }

  /** Replaces the file with one snapshot of the current state, atomically. */
  compact(): void {
    const state = this.#current()
    writeAtomically(this.#path, `${JSON.stringify({ version: 2, ...state })}\n`)
    this.#changes = 0
    this.#limit = this.#limitFor(state)
    this.#rewrite = false
  }

  #limitFor(state: PersistedState | undefined): number {
    return Math.max(this.#compactAfter, (state?.payments.length ?? 0) + (state?.services.length ?? 0))
  }
}

function writeAll(fd: number, text: string) {
  const bytes = Buffer.from(text)
  let offset = 0
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset)
}

/** Readers see the old or the new file, never half of one, and the rename survives a power cut. */
function writeAtomically(path: string, text: string) {
  const dir = dirname(path)
  mkdirSync(dir, { recursive: true })
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    writeFileSync(temp, text, { mode: 0o600, flush: true })
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
  syncDirectory(dir)
}

function syncDirectory(dir: string) {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Not every platform syncs a directory (Windows cannot open one); the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
