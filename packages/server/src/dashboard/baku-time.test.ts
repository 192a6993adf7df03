import { describe, expect, it } from 'vitest'
import { addDays, bakuDay, startOfBakuDay } from './baku-time.ts'

const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Baku',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

describe('startOfBakuDay', () => {
  it('is 00:00 in Baku on the day itself, summer-time change days included (until 2015)', () => {
    for (const year of [1995, 2015, 2026]) {
      for (let day = { year, month: 1, day: 1 }; day.year === year; day = addDays(day, 1)) {
        const start = startOfBakuDay(day)
        expect(bakuDay(start), JSON.stringify(day)).toEqual(day)
        expect(clock.format(start), JSON.stringify(day)).toBe('00:00')
      }
    }
  })

  it('is 20:00 UTC the evening before, now that Baku keeps UTC+4 all year', () => {
    expect(startOfBakuDay({ year: 2026, month: 11, day: 28 }).toISOString()).toBe('2026-11-27T20:00:00.000Z')
  })
})
