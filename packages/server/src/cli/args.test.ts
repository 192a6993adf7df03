import { describe, expect, it } from 'vitest'
import { limit, orderFilter, pointInTime, startOfShopDay, statuses } from './args.ts'
import { UsageError } from './io.ts'

const NOW = new Date('2026-11-28T10:00:00.000Z')

describe('periods on the command line', () => {
  it('an age counts back from now', () => {
    expect(pointInTime('--since', '24h', NOW).toISOString()).toBe('2026-11-27T10:00:00.000Z')
    expect(pointInTime('--since', '7d', NOW).toISOString()).toBe('2026-11-21T10:00:00.000Z')
    expect(pointInTime('--since', '30m', NOW).toISOString()).toBe('2026-11-28T09:30:00.000Z')
    expect(pointInTime('--since', '2w', NOW).toISOString()).toBe('2026-11-14T10:00:00.000Z')
  })

  it('a day is a day in Baku (UTC+4): it starts at 20:00 UTC the evening before', () => {
    expect(pointInTime('--since', '2026-11-28', NOW).toISOString()).toBe('2026-11-27T20:00:00.000Z')
    // --until a day includes that day: the period ends where the next day starts.
    expect(pointInTime('--until', '2026-11-28', NOW).toISOString()).toBe('2026-11-28T20:00:00.000Z')
    expect(pointInTime('--until', '2026-12-31', NOW).toISOString()).toBe('2026-12-31T20:00:00.000Z')
  })

  it('Baku kept summer time until 2016: an old day is read with the offset it had', () => {
    expect(startOfShopDay(2015, 7, 1).toISOString()).toBe('2015-06-30T19:00:00.000Z')
  })

  it('a time must carry its zone', () => {
    expect(pointInTime('--since', '2026-11-28T09:30:00Z', NOW).toISOString()).toBe('2026-11-28T09:30:00.000Z')
    expect(pointInTime('--since', '2026-11-28T13:30+04:00', NOW).toISOString()).toBe(
      '2026-11-28T09:30:00.000Z',
    )
    expect(() => pointInTime('--since', '2026-11-28T09:30:00', NOW)).toThrow(UsageError)
  })

  it.each(['yesterday', '2026-02-30', '2026-13-01', '7', '-7d', '1y', ''])(
    'refuses %j naming the option',
    (raw) => {
      expect(() => pointInTime('--until', raw, NOW)).toThrow(/^--until takes a day \(2026-11-28, in Baku\)/)
    },
  )

  it('a period that ends before it starts is a usage error', () => {
    expect(() => orderFilter({ since: '2026-11-28', until: '2026-11-27' }, NOW)).toThrow(
      '--since must be before --until',
    )
  })

  it('builds the store filter: statuses, period and a trimmed search', () => {
    expect(orderFilter({ status: 'paid,pending,paid', since: '24h', search: '  INV-7 ' }, NOW)).toEqual({
      status: ['paid', 'pending'],
      since: new Date('2026-11-27T10:00:00.000Z'),
      search: 'INV-7',
    })
    expect(orderFilter({}, NOW)).toEqual({})
  })
})

describe('other values', () => {
  it('statuses are the order states only', () => {
    expect(statuses('expired, failed')).toEqual(['expired', 'failed'])
    expect(() => statuses('paid,refunded')).toThrow('not "refunded"')
    expect(() => statuses(',')).toThrow(UsageError)
  })

  it('a limit is a whole number in range', () => {
    expect(limit(undefined, 20, 100)).toBe(20)
    expect(limit('100', 20, 100)).toBe(100)
    for (const bad of ['0', '101', '1.5', '1e3', 'ten', '-1'])
      expect(() => limit(bad, 20, 100)).toThrow(UsageError)
  })
})
