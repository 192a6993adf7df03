/**
 * Days, weeks and months as a shop in Azerbaijan counts them: in Asia/Baku time (UTC+4, no
 * daylight saving since 2016 — read from the time-zone database, not assumed), weeks from Monday.
 */
import type { Locale } from '@portmanat-checkout/shared'

export const SHOP_TIME_ZONE = 'Asia/Baku'

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: SHOP_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
  weekday: 'short',
})

/** A calendar day in Baku. */
export interface BakuDay {
  year: number
  /** 1–12 */
  month: number
  day: number
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

function wallClock(at: Date) {
  const parts = Object.fromEntries(partsFormat.formatToParts(at).map((p) => [p.type, p.value]))
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    /** 0 = Monday */
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Mon'),
  }
}

/** The day `at` falls on in Baku. */
export function bakuDay(at: Date): BakuDay {
  const { year, month, day } = wallClock(at)
  return { year, month, day }
}

/** The instant a Baku day begins (00:00 Baku time). */
export function startOfBakuDay({ year, month, day }: BakuDay): Date {
  // Guess with Baku's offset at UTC midnight, then take the offset at the guess: on a day the
  // clocks changed (until 2015) the two differ, and the second is the one midnight had.
  const utcMidnight = Date.UTC(year, month - 1, day)
  const guess = utcMidnight - offsetMs(utcMidnight)
  return new Date(utcMidnight - offsetMs(guess))
}

/** How far Baku's clock is ahead of UTC at `at`. */
function offsetMs(at: number): number {
  const shown = wallClock(new Date(at))
  return Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute, shown.second) - at
}

/** The day `days` after `day` (negative: before). */
export function addDays({ year, month, day }: BakuDay, days: number): BakuDay {
  const d = new Date(Date.UTC(year, month - 1, day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

export interface Period {
  since: Date
  until: Date
}

/** Today, this week (from Monday) and this month, each up to the end of today, in Baku. */
export function currentPeriods(now: Date): { today: Period; week: Period; month: Period } {
  const today = bakuDay(now)
  const { weekday } = wallClock(now)
  const until = startOfBakuDay(addDays(today, 1))
  return {
    today: { since: startOfBakuDay(today), until },
    week: { since: startOfBakuDay(addDays(today, -weekday)), until },
    month: { since: startOfBakuDay({ ...today, day: 1 }), until },
  }
}

/** `YYYY-MM-DD` of a Baku day, as `<input type="date">` wants it. */
export const isoDay = ({ year, month, day }: BakuDay) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`

/** Reads `YYYY-MM-DD` (a real calendar day), or undefined. */
export function parseIsoDay(value: string | undefined): BakuDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '')
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const check = new Date(Date.UTC(year, month - 1, day))
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day
    ? { year, month, day }
    : undefined
}

const TAGS: Record<Locale, string> = { az: 'az-Latn-AZ', en: 'en-GB', ru: 'ru-RU' }
const formats = new Map<Locale, Intl.DateTimeFormat>()

/** A moment as the operator reads it: date and time in Baku, in their language. */
export function formatBakuTime(iso: string, locale: Locale): string {
  let format = formats.get(locale)
  if (!format) {
    format = new Intl.DateTimeFormat(TAGS[locale], {
      timeZone: SHOP_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    formats.set(locale, format)
  }
  return format.format(new Date(iso))
}
