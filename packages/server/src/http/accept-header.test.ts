import { describe, expect, it } from 'vitest'
import { ACCEPT_PARTS, parseAccept } from './accept-header.ts'

describe('parseAccept', () => {
  it('reads tokens in order, each weighted 1 unless it says otherwise', () => {
    expect(parseAccept(' ru-RU , en;q=0.8, *;q=0')).toEqual([
      { token: 'ru-ru', q: 1 },
      { token: 'en', q: 0.8 },
      { token: '*', q: 0 },
    ])
  })

  it('takes the weight among other parameters, in any case', () => {
    expect(parseAccept('BR;level=1;Q=0.5')).toEqual([{ token: 'br', q: 0.5 }])
  })

  it('reads a weight that is not a number as not acceptable', () => {
    expect(parseAccept('gzip;q=1.2.3, br;q=')).toEqual([
      { token: 'gzip', q: 0 },
      { token: 'br', q: 1 },
    ])
  })

  it('reads nothing from no header', () => {
    expect(parseAccept(undefined)).toEqual([])
    expect(parseAccept('')).toEqual([])
  })

  it(`reads at most ${ACCEPT_PARTS} entries of a long header`, () => {
    const entries = parseAccept(`${'x;q=0.1,'.repeat(10_000)}gzip`)
    expect(entries).toHaveLength(ACCEPT_PARTS)
    expect(entries.map((entry) => entry.token)).not.toContain('gzip')
  })
})
