import { afterEach, describe, expect, it, vi } from 'vitest'
import { RRN } from '../testing/fake-server.ts'
import { claimReturn, readReturnParams, resetReturnClaim, withoutReturnParams } from './return-params.ts'

afterEach(() => {
  resetReturnClaim()
  history.replaceState(null, '', '/')
  vi.restoreAllMocks()
})

describe('readReturnParams', () => {
  it('reads a well-formed return', () => {
    expect(readReturnParams(`https://s.az/?portmanat_status=pending&client_rrn=${RRN}`)).toEqual({
      status: 'pending',
      clientRrn: RRN,
    })
  })

  it('is undefined without parameters and invalid with bad ones', () => {
    expect(readReturnParams('https://s.az/?x=1')).toBeUndefined()
    expect(readReturnParams(`https://s.az/?portmanat_status=won&client_rrn=${RRN}`)).toBe('invalid')
    expect(readReturnParams('https://s.az/?portmanat_status=paid&client_rrn=short')).toBe('invalid')
    expect(readReturnParams('https://s.az/?portmanat_status=paid')).toBe('invalid')
  })
})

describe('withoutReturnParams', () => {
  it('removes only the return parameters and keeps the others as written, and the hash', () => {
    expect(
      withoutReturnParams(`https://s.az/p?a=1&portmanat_status=paid&b=x%20y&client_rrn=${RRN}#done`),
    ).toBe('https://s.az/p?a=1&b=x%20y#done')
    expect(withoutReturnParams(`https://s.az/p?portmanat_status=paid&client_rrn=${RRN}`)).toBe(
      'https://s.az/p',
    )
    expect(withoutReturnParams('https://s.az/p?q=a+b')).toBe('https://s.az/p?q=a+b')
  })
})

describe('claimReturn', () => {
  it('hands the return out once and cleans the address bar', () => {
    history.replaceState({ kept: true }, '', `/shop?a=1&portmanat_status=paid&client_rrn=${RRN}#x`)
    expect(claimReturn()).toEqual({ status: 'paid', clientRrn: RRN })
    expect(location.pathname + location.search + location.hash).toBe('/shop?a=1#x')
    expect(history.state).toEqual({ kept: true })
    expect(claimReturn()).toBeUndefined()
  })

  it('warns about malformed parameters and leaves them alone', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    history.replaceState(null, '', '/?portmanat_status=paid&client_rrn=nope')
    expect(claimReturn()).toBeUndefined()
    expect(warn).toHaveBeenCalledWith('[portmanat-checkout] ignoring malformed return parameters')
    expect(location.search).toBe('?portmanat_status=paid&client_rrn=nope')
  })
})
