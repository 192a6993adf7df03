import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SandboxState } from './state.ts'
import { readStateFile } from './state-file.ts'
import { fakeClock, SHOP } from './test-support.ts'

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'sandbox-state-')), 'nested', 'state.json')

const make = (stateFile?: string, clock = fakeClock()) =>
  new SandboxState({ services: [SHOP], variant: {}, faults: undefined, stateFile, now: clock.now })

const fields = { service_id: SHOP.service_id, client_rrn: 'order-1', amount: '5.23', client_ip: '127.0.0.1' }

describe('SandboxState', () => {
  it('turns a pending payment paid once the clock passes its delay', () => {
    const clock = fakeClock()
    const state = make(undefined, clock)
    const { psp_rrn } = state.create(fields)
    state.finish(psp_rrn, 'pending', { pendingMs: 60_000 })
    clock.advance(59_999)
    expect(state.payment(psp_rrn)?.status).toBe('pending')
    clock.advance(1)
    expect(state.payment(psp_rrn)?.status).toBe('paid')
    expect(() => state.finish(psp_rrn, 'failed')).toThrow('already paid')
  })

  it('finds by client_rrn and asks for service_id when two services used it', () => {
    const state = make()
    state.addServices([{ ...SHOP, service_id: '999' }])
    state.create(fields)
    expect(state.find({ client_rrn: 'order-1' }).service_id).toBe(SHOP.service_id)
    state.create({ ...fields, service_id: '999' })
    expect(() => state.find({ client_rrn: 'order-1' })).toThrow('give service_id too')
    expect(state.find({ client_rrn: 'order-1', service_id: '999' }).service_id).toBe('999')
    expect(() => state.find({ client_rrn: 'nope' })).toThrow('no payment has this client_rrn')
  })

  it('uses up `times` on /check only', () => {
    const state = make()
    state.setFaults({ status: 503, latencyMs: 1, times: 2 })
    expect(state.takeFaults('process')).toEqual({ status: 503, latencyMs: 1, times: 2 })
    expect(state.takeFaults('check')).toMatchObject({ status: 503 })
    expect(state.faults).toMatchObject({ times: 1 })
    expect(state.takeFaults('check')).toMatchObject({ status: 503 })
    expect(state.takeFaults('check')).toBeUndefined()
    expect(state.faults).toBeNull()
  })

  it('reset goes back to the options: no payments, no added services', () => {
    const state = make()
    state.addServices([{ ...SHOP, service_id: '999' }])
    state.create(fields)
    state.setVariant({ code: 'number' })
    state.reset()
    expect(state.payments()).toEqual([])
    expect(state.clientRrnUsed(SHOP.service_id, fields.client_rrn)).toBe(false)
    expect(state.service('999')).toBeUndefined()
    expect(state.service(SHOP.service_id)).toBeDefined()
    expect(state.variant).toEqual({})
  })
})

describe('state file', () => {
  it('survives a new instance: payments, added services, variant and faults', () => {
    const file = tempFile()
    const clock = fakeClock()
    const first = make(file, clock)
    const created = first.create(fields)
    first.finish(created.psp_rrn, 'pending', { pendingMs: 1000, card_last4: '0077' })
    first.addServices([{ ...SHOP, service_id: '999', title: 'Added' }])
    first.setVariant({ dateField: 'created_at' })
    first.setFaults({ malformed: true, times: 3 })

    const second = make(file, clock)
    expect(second.payments()).toEqual(first.payments())
    expect(second.clientRrnUsed(SHOP.service_id, fields.client_rrn)).toBe(true)
    expect(second.clientRrnUsed('999', fields.client_rrn)).toBe(false)
    expect(second.service('999')?.title).toBe('Added')
    expect(second.variant).toEqual({ dateField: 'created_at' })
    expect(second.faults).toEqual({ malformed: true, times: 3 })
    clock.advance(1000)
    expect(second.payment(created.psp_rrn)?.status).toBe('paid')
  })

  it('journals each change as one line after a snapshot, and leaves no temp file behind', () => {
    const file = tempFile()
    const state = make(file)
    for (let i = 0; i < 5; i++) state.create({ ...fields, client_rrn: `order-${i}` })
    state.setVariant({ code: 'number' })
    expect(readdirSync(join(file, '..'))).toEqual(['state.json'])
    const [snapshot, ...changes] = readFileSync(file, 'utf8').trimEnd().split('\n')
    expect(JSON.parse(snapshot ?? '').payments).toHaveLength(1)
    expect(changes.map((line) => Object.keys(JSON.parse(line)))).toEqual([
      ['payment'],
      ['payment'],
      ['payment'],
      ['payment'],
      ['variant'],
    ])
    expect(readStateFile(file)?.payments).toHaveLength(5)
  })

  it('starts the file afresh on reset', () => {
    const file = tempFile()
    const state = make(file)
    for (let i = 0; i < 3; i++) state.create({ ...fields, client_rrn: `order-${i}` })
    state.reset()
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(1)
    expect(make(file).payments()).toEqual([])
  })

  it('writes nothing until something changes', () => {
    const file = tempFile()
    make(file)
    expect(existsSync(file)).toBe(false)
  })

  it('refuses a broken file loudly rather than losing payments', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sandbox-state-')), 'state.json')
    writeFileSync(file, '{"version":1,')
    expect(() => make(file)).toThrow(`sandbox state file ${file} is not valid JSON`)
    writeFileSync(
      file,
      JSON.stringify({ version: 1, payments: [{ psp_rrn: 1 }], services: [], variant: {}, faults: null }),
    )
    expect(() => make(file)).toThrow('is not valid at payments.0.psp_rrn')
  })
})
