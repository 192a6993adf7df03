import { afterEach, describe, expect, it, vi } from 'vitest'
import { claimReturn, cleanReturn, resetReturnClaim, withoutReturnParams } from './return-params.ts'
import { RRN } from './testing/fake-server.ts'

afterEach(() => {
  history.replaceState(null, '', '/')
  resetReturnClaim()
  vi.restoreAllMocks()
})

describe('withoutReturnParams', () => {
  it('removes only the return parameters, keeps the others as written and the hash', () => {
    expect(withoutReturnParams(`https://shop.az/p?a=%20b+c&portmanat_status=paid&client_rrn=${RRN}#x`)).toBe(
      'https://shop.az/p?a=%20b+c#x',
    )
    expect(withoutReturnParams('https://shop.az/p?portmanat_status=paid')).toBe('https://shop.az/p')
    expect(withoutReturnParams('https://shop.az/p?q=1')).toBe('https://shop.az/p?q=1')
  })
})

describe('claimReturn', () => {
  it('hands the client_rrn out once; cleanReturn cleans the address bar', () => {
    history.replaceState(null, '', `/shop?ref=7&portmanat_status=pending&client_rrn=${RRN}#top`)
    expect(claimReturn()).toBe(RRN)
    expect(location.search).toContain(RRN)
    cleanReturn()
    expect(location.pathname + location.search + location.hash).toBe('/shop?ref=7#top')
    history.replaceState(null, '', `/shop?portmanat_status=paid&client_rrn=${RRN}`)
    expect(claimReturn()).toBeUndefined()
  })

  it('is undefined without parameters', () => {
    expect(claimReturn()).toBeUndefined()
  })

  it.each(['portmanat_status=paid&client_rrn=short', 'portmanat_status=paid'])(
    'leaves malformed parameters (%s) alone',
    (query) => {
      history.replaceState(null, '', `/?${query}`)
      expect(claimReturn()).toBeUndefined()
      expect(location.search).toBe(`?${query}`)
    },
  )

  it('asks about any status: the server says what it is', () => {
    history.replaceState(null, '', `/?portmanat_status=refunded&client_rrn=${RRN}`)
    expect(claimReturn()).toBe(RRN)
  })
})
