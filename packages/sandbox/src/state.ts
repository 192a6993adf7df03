/**
 * The sandbox's state: services, payments, the `/check` variant and the faults, kept in memory
 * and, with a state file, journalled on every change.
 */
import { parseVariant } from './check-response.ts'
import { parseFaults } from './faults.ts'
import { bankRrn, pspRrn } from './rrn.ts'
import { parseServices } from './services.ts'
import { type PersistedState, type StateChange, StateFile } from './state-file.ts'
import type { CheckVariant, Faults, PaymentStatus, SandboxPayment, SandboxService } from './types.ts'

type Service = Required<SandboxService>

export interface StateOptions {
  services: SandboxService[]
  variant: CheckVariant
  faults: Faults | undefined
  stateFile: string | undefined
  now: () => Date
}

/** A payment was asked for that does not exist, or cannot change any more. */
export class PaymentError extends Error {
  constructor(
    readonly reason: 'unknown' | 'ambiguous' | 'final',
    message: string,
  ) {
    super(message)
    this.name = 'PaymentError'
  }
}

function validVariant(input: unknown): CheckVariant {
  const parsed = parseVariant(input)
  if (!parsed.ok) throw new Error(`invalid sandbox variant: ${parsed.message}`)
  return parsed.variant
}

function validFaults(input: unknown): Faults {
  const parsed = parseFaults(input)
  if (!parsed.ok) throw new Error(`invalid sandbox faults: ${parsed.message}`)
  return parsed.faults
}

export class SandboxState {
  readonly #options: StateOptions
  readonly #initialServices: Service[]
  readonly #initialVariant: CheckVariant
  readonly #initialFaults: Faults | null
  readonly #file: StateFile | undefined
  #added = new Map<string, Service>()
  #payments = new Map<string, SandboxPayment>()
  /** client_rrns used, per service_id: `/process` asks on every payment. */
  #clientRrns = new Map<string, Set<string>>()
  #variant: CheckVariant
  #faults: Faults | null

  constructor(options: StateOptions) {
    this.#options = options
    this.#initialServices = parseServices(options.services)
    this.#initialVariant = validVariant(options.variant)
    this.#initialFaults = options.faults ? validFaults(options.faults) : null
    this.#variant = this.#initialVariant
    this.#faults = this.#initialFaults
    this.#file = options.stateFile ? new StateFile(options.stateFile, () => this.#persisted()) : undefined
    const saved = this.#file?.saved
    if (saved) {
      for (const payment of saved.payments) {
        this.#payments.set(payment.psp_rrn, payment)
        this.#useClientRrn(payment)
      }
      for (const service of saved.services) this.#added.set(service.service_id, service)
      this.#variant = saved.variant
      this.#faults = saved.faults
    }
  }

  get variant(): CheckVariant {
    return this.#variant
  }

  get faults(): Faults | null {
    return this.#faults
  }

  service(serviceId: string): Service | undefined {
    return (
      this.#added.get(serviceId) ?? this.#initialServices.find((service) => service.service_id === serviceId)
    )
  }

  services(): Service[] {
    const initial = this.#initialServices.filter((service) => !this.#added.has(service.service_id))
    return [...initial, ...this.#added.values()]
  }

  addServices(services: unknown[]): Service[] {
    const valid = parseServices(services)
    for (const service of valid) this.#added.set(service.service_id, service)
    this.#save({ services: valid })
    return valid
  }

  /** A payment with the status a client would see now (a due pending payment reads paid). */
  #view(payment: SandboxPayment): SandboxPayment {
    const due =
      payment.pending_until !== undefined &&
      this.#options.now().getTime() >= Date.parse(payment.pending_until)
    return payment.status === 'pending' && due ? { ...payment, status: 'paid' } : { ...payment }
  }

  payment(pspRrn: string): SandboxPayment | undefined {
    const payment = this.#payments.get(pspRrn)
    return payment && this.#view(payment)
  }

  payments(): SandboxPayment[] {
    return [...this.#payments.values()].map((payment) => this.#view(payment))
  }

  clientRrnUsed(serviceId: string, clientRrn: string): boolean {
    return this.#clientRrns.get(serviceId)?.has(clientRrn) ?? false
  }

  #useClientRrn({ service_id, client_rrn }: SandboxPayment) {
    const used = this.#clientRrns.get(service_id)
    if (used) used.add(client_rrn)
    else this.#clientRrns.set(service_id, new Set([client_rrn]))
  }

  create(fields: {
    service_id: string
    client_rrn: string
    amount: string
    client_ip: string
  }): SandboxPayment {
    const now = this.#options.now()
    let rrn = pspRrn(now)
    while (this.#payments.has(rrn)) rrn = pspRrn(now)
    const stamp = now.toISOString()
    const payment: SandboxPayment = {
      psp_rrn: rrn,
      bank_rrn: bankRrn(),
      ...fields,
      status: 'created',
      created_at: stamp,
      updated_at: stamp,
    }
    this.#payments.set(rrn, payment)
    this.#useClientRrn(payment)
    this.#save({ payment })
    return { ...payment }
  }

  /**
   * Moves a payment out of `created` or `pending`. Throws {@link PaymentError} when it is unknown
   * or already final.
   */
  finish(
    pspRrn: string,
    status: Exclude<PaymentStatus, 'created'>,
    extra: { pendingMs?: number; card_last4?: string } = {},
  ): SandboxPayment {
    const stored = this.#payments.get(pspRrn)
    if (!stored) throw new PaymentError('unknown', 'no payment has this psp_rrn')
    const current = this.#view(stored).status
    if (current === 'paid' || current === 'failed') {
      throw new PaymentError('final', `the payment is already ${current}`)
    }
    const now = this.#options.now()
    const next: SandboxPayment = { ...stored, status, updated_at: now.toISOString() }
    delete next.pending_until
    if (status === 'pending' && extra.pendingMs !== undefined) {
      next.pending_until = new Date(now.getTime() + extra.pendingMs).toISOString()
    }
    if (extra.card_last4) next.card_last4 = extra.card_last4
    this.#payments.set(pspRrn, next)
    this.#save({ payment: next })
    return this.#view(next)
  }

  /** Finds one payment by `psp_rrn`, or by `client_rrn` (with `service_id` when it is ambiguous). */
  find(which: { psp_rrn?: string; client_rrn?: string; service_id?: string }): SandboxPayment {
    if (which.psp_rrn !== undefined) {
      const payment = this.payment(which.psp_rrn)
      if (!payment) throw new PaymentError('unknown', 'no payment has this psp_rrn')
      return payment
    }
    const matches = this.payments().filter(
      (payment) =>
        payment.client_rrn === which.client_rrn &&
        (which.service_id === undefined || payment.service_id === which.service_id),
    )
    const [first, second] = matches
    if (!first) throw new PaymentError('unknown', 'no payment has this client_rrn')
    if (second)
      throw new PaymentError('ambiguous', 'several services used this client_rrn: give service_id too')
    return first
  }

  setVariant(variant: CheckVariant) {
    this.#variant = validVariant(variant)
    this.#save({ variant: this.#variant })
  }

  setFaults(faults: Faults | null) {
    this.#faults = faults ? validFaults(faults) : null
    this.#save({ faults: this.#faults })
  }

  /**
   * The instance faults for one request. `times` counts `/check` requests only: `/process` takes
   * the latency of active faults without using one up, so a buyer's walk through the pages
   * does not spend a fault meant for the server's `/check`.
   */
  takeFaults(route: 'check' | 'process'): Faults | undefined {
    const faults = this.#faults
    if (!faults) return undefined
    if (route === 'check' && faults.times !== undefined) {
      this.#faults = faults.times > 1 ? { ...faults, times: faults.times - 1 } : null
      this.#save({ faults: this.#faults })
    }
    return faults
  }

  reset() {
    this.#added.clear()
    this.#payments.clear()
    this.#clientRrns.clear()
    this.#variant = this.#initialVariant
    this.#faults = this.#initialFaults
    this.#file?.compact()
  }

  #save(change: StateChange) {
    this.#file?.record(change)
  }

  #persisted(): PersistedState {
    return {
      payments: [...this.#payments.values()],
      services: [...this.#added.values()],
      variant: this.#variant,
      faults: this.#faults,
    }
  }
}
