/**
 * The optional state file: payments and settings written atomically on every change (a temp
 * file, then a rename), so a restart between checkout and callback loses nothing.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
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

const FileSchema = v.object({
  version: v.literal(1),
  payments: v.array(PaymentSchema),
  services: v.array(v.unknown()),
  variant: VariantSchema,
  faults: v.nullable(FaultsSchema),
})

/** Reads the state file; `undefined` when it does not exist yet. Throws when it is unreadable. */
export function readStateFile(path: string): PersistedState | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined
    throw new Error(`cannot read sandbox state file ${path}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error(`sandbox state file ${path} is not valid JSON; move it away to start afresh`)
  }
  const parsed = v.safeParse(FileSchema, json)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const where = (issue?.path ?? []).map((item) => String(item.key)).join('.')
    throw new Error(
      `sandbox state file ${path} is not valid at ${where || 'top level'}; move it away to start afresh`,
    )
  }
  const { payments, variant, faults } = parsed.output
  return {
    payments,
    services: parseServices(parsed.output.services, `state file ${path} services`),
    variant,
    faults,
  }
}

/** Writes the state file atomically: readers see the old or the new file, never half of one. */
export function writeStateFile(path: string, state: PersistedState): void {
  mkdirSync(dirname(path), { recursive: true })
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    writeFileSync(temp, `${JSON.stringify({ version: 1, ...state }, null, 2)}\n`, {
      mode: 0o600,
      flush: true,
    })
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}
