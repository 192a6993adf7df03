/**
 * A separate process for `state-file.test.ts`, to be killed at any moment: payments journalled
 * into a state file as fast as it takes them, each printed once recorded (`created RRN`, then
 * `paid RRN`), and a compaction after every `COMPACT_EVERY`th payment so that a kill lands in
 * one often.
 *
 *   node --import tsx src/test-state-writer.ts STATE_FILE COMPACT_EVERY
 */
import { StateFile } from './state-file.ts'
import type { SandboxPayment } from './types.ts'

const [path = '', compactEvery = '4'] = process.argv.slice(2)
const payments = new Map<string, SandboxPayment>()
const file = new StateFile(path, () => ({
  payments: [...payments.values()],
  services: [],
  variant: {},
  faults: null,
}))
for (const payment of file.saved?.payments ?? []) payments.set(payment.psp_rrn, payment)

const run = String(process.pid).padStart(8, '0')
for (let i = 0; ; i++) {
  const stamp = new Date().toISOString()
  const payment: SandboxPayment = {
    psp_rrn: `${run}-${String(i).padStart(12, '0')}`,
    bank_rrn: 'O/yn+szmjVxYVMmst0T7Z02zxM0=',
    service_id: '200002',
    client_rrn: `w${run}${String(i).padStart(15, '0')}`,
    amount: '5.23',
    client_ip: '127.0.0.1',
    status: 'created',
    created_at: stamp,
    updated_at: stamp,
  }
  payments.set(payment.psp_rrn, payment)
  file.record({ payment })
  process.stdout.write(`created ${payment.psp_rrn}\n`)
  const paid: SandboxPayment = { ...payment, status: 'paid', card_last4: '4242' }
  payments.set(paid.psp_rrn, paid)
  file.record({ payment: paid })
  process.stdout.write(`paid ${paid.psp_rrn}\n`)
  if (i % Number(compactEvery) === 0) file.compact()
}
