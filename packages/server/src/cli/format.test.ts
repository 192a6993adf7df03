import { describe, expect, it } from 'vitest'
import { clean, relative, table, time } from './format.ts'

describe('text for a terminal', () => {
  it('shows control characters and bidi overrides as ?, so a title cannot rewrite the screen', () => {
    expect(clean('Çay\u001b[2J\u001b]0;pwned\u0007 evi')).toBe('Çay?[2J?]0;pwned? evi')
    expect(clean('abc\u202edcba')).toBe('abc?dcba')
    expect(clean('line\r\nbreak')).toBe('line??break')
  })

  it('cuts long text with an ellipsis, counting characters, not bytes', () => {
    expect(clean('Azərbaycan', 5)).toBe('Azər…')
    expect(clean('Azər', 5)).toBe('Azər')
    expect(clean(null)).toBe('-')
    expect(clean('')).toBe('-')
  })

  it('aligns columns, right-aligned where asked, without trailing spaces', () => {
    expect(
      table(
        ['ref', 'amount', 'title'],
        [
          ['a', '5.23', 'Çay'],
          ['bbb', '1240.00', ''],
        ],
        ['left', 'right'],
      ),
    ).toEqual(['ref   amount  title', 'a       5.23  Çay', 'bbb  1240.00'])
  })

  it('times to the second in UTC, and how long ago', () => {
    expect(time('2026-11-28T10:00:00.123Z')).toBe('2026-11-28T10:00:00Z')
    expect(time(null)).toBe('-')
    const now = new Date('2026-11-28T10:00:00Z')
    expect(relative('2026-11-28T10:00:30Z', now)).toBe('in 30 s')
    expect(relative('2026-11-28T09:55:00Z', now)).toBe('5 min ago')
    expect(relative('2026-11-28T07:00:00Z', now)).toBe('3 h ago')
    expect(relative('2026-11-25T10:00:00Z', now)).toBe('3 d ago')
  })
})
