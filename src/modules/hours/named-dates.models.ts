import { normalizeText, soundsLike } from '../../shared/text-match.ts'
import { addDays, dateOf, weekdayOf } from './calendar-dates.models.ts'

// Dates a caller names: holidays ("Christmas Eve", "Thanksgiving"), days of the month ("the
// 24th", "December 24"), "this Friday" / "next Monday", the restaurant's own special dates by
// name, and the day before or after any of those. Each resolves to the next such date on or after
// today (the restaurant's local date).

export type NamedDate = { date: string; name?: string; holiday: boolean }

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
const MONTH_WORDS: Record<string, number> = Object.fromEntries([
  ...MONTHS.map((m, i) => [m, i + 1]),
  ...MONTHS.map((m, i) => [m.slice(0, 3), i + 1]),
  ['sept', 9],
])
const WEEKDAY_WORDS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']

/** The nth (1-based; -1 = last) given weekday of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = dateOf(year, month, 1)!
    return addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + (n - 1) * 7)
  }
  const last = addDays(dateOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1)!, -1)
  return addDays(last, -((weekdayOf(last) - weekday + 7) % 7))
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return dateOf(year, month, day)!
}

type Holiday = { name: string; pattern: RegExp; on: (year: number) => string }
const fixed = (month: number, day: number) => (year: number) => dateOf(year, month, day)!
// Longer names first: "christmas eve" before "christmas", "new years eve" before "new years".
const HOLIDAYS: Holiday[] = [
  { name: 'Christmas Eve', pattern: /\b(christmas|xmas) eve\b/, on: fixed(12, 24) },
  { name: 'Boxing Day', pattern: /\bboxing day\b/, on: fixed(12, 26) },
  { name: 'Christmas Day', pattern: /\b(christmas|xmas)\b/, on: fixed(12, 25) },
  { name: "New Year's Eve", pattern: /\b(new years? eve|nye)\b/, on: fixed(12, 31) },
  { name: "New Year's Day", pattern: /\bnew years?( day)?\b/, on: fixed(1, 1) },
  { name: "Valentine's Day", pattern: /\bvalentines?( day)?\b/, on: fixed(2, 14) },
  { name: "St. Patrick's Day", pattern: /\b(st|saint) patricks?( day)?\b/, on: fixed(3, 17) },
  {
    name: 'Independence Day',
    pattern: /\b(independence day|(the )?(4th|fourth) of july|july (4th|4|fourth))\b/,
    on: fixed(7, 4),
  },
  { name: 'Halloween', pattern: /\bhalloween\b/, on: fixed(10, 31) },
  { name: 'Thanksgiving', pattern: /\bthanksgiving\b/, on: (y) => nthWeekday(y, 11, 4, 4) },
  { name: 'Memorial Day', pattern: /\bmemorial day\b/, on: (y) => nthWeekday(y, 5, 1, -1) },
  { name: 'Labor Day', pattern: /\blabou?r day\b/, on: (y) => nthWeekday(y, 9, 1, 1) },
  { name: "Mother's Day", pattern: /\bmothers? day\b/, on: (y) => nthWeekday(y, 5, 0, 2) },
  { name: "Father's Day", pattern: /\bfathers? day\b/, on: (y) => nthWeekday(y, 6, 0, 3) },
  { name: 'Easter Sunday', pattern: /\beaster( sunday)?\b/, on: easter },
  { name: 'Good Friday', pattern: /\bgood friday\b/, on: (y) => addDays(easter(y), -2) },
]

/** The first date on or after today that `on(year)` gives, this year or next. */
function nextOf(today: string, on: (year: number) => string | undefined): string | undefined {
  const year = Number(today.slice(0, 4))
  for (const y of [year, year + 1, year + 2]) {
    const date = on(y)
    if (date && date >= today) return date
  }
  return undefined
}

const ORDINAL = '(\\d{1,2})(?:st|nd|rd|th)?'

function monthDay(text: string, today: string): string | undefined {
  const month = `(${Object.keys(MONTH_WORDS).join('|')})`
  const forms: [RegExp, (m: RegExpExecArray) => [number, number]][] = [
    [new RegExp(`\\b${month} (?:the )?${ORDINAL}\\b`), (m) => [MONTH_WORDS[m[1]!]!, Number(m[2])]],
    [new RegExp(`\\b(?:the )?${ORDINAL} (?:of )?${month}\\b`), (m) => [MONTH_WORDS[m[2]!]!, Number(m[1])]],
  ]
  for (const [pattern, read] of forms) {
    const match = pattern.exec(text)
    if (!match) continue
    const [m, d] = read(match)
    return nextOf(today, (year) => dateOf(year, m, d))
  }
  return undefined
}

/** "the 24th", "on the 3rd": this month's, or next month's once it has passed. */
function dayOfMonth(text: string, today: string): string | undefined {
  const match = /\b(?:the|on) (\d{1,2})(st|nd|rd|th)\b/.exec(text) ?? /\b(\d{1,2})(st|nd|rd|th)\b/.exec(text)
  if (!match) return undefined
  const day = Number(match[1])
  const [year, month] = today.split('-').map(Number) as [number, number]
  for (let k = 0; k < 13; k++) {
    const date = dateOf(year + Math.floor((month - 1 + k) / 12), ((month - 1 + k) % 12) + 1, day)
    if (date && date >= today) return date
  }
  return undefined
}

/** "this Friday" = the coming Friday (today included); "next Monday" = the first one after today. */
function thisOrNextWeekday(text: string, today: string): string | undefined {
  const match = /\b(this|next|coming|this coming) ([a-z]+)\b/.exec(text)
  if (!match) return undefined
  const weekday = WEEKDAY_WORDS.findIndex((day) => soundsLike(match[2]!.replace(/s$/, ''), day))
  if (weekday < 0) return undefined
  const ahead = (weekday - weekdayOf(today) + 7) % 7
  return addDays(today, match[1] === 'next' && ahead === 0 ? 7 : ahead)
}

/** A special date of the restaurant named in the question ("restaurant week", "the street fair"). */
function ownSpecial(text: string, today: string, specials: { date: string; name: string | null }[]) {
  const upcoming = specials.filter((s) => s.name && s.date >= today).sort((a, b) => a.date.localeCompare(b.date))
  return upcoming.find((s) => {
    const name = normalizeText(s.name!)
    return name.length >= 4 && ` ${text} `.includes(` ${name} `)
  })
}

/** The date the question names, if it names one. */
export function namedDate(
  query: string,
  today: string,
  specials: { date: string; name: string | null }[] = [],
): NamedDate | undefined {
  const text = normalizeText(query)
  const relative = /\b(?:the )?day (before|after) (.+)$/.exec(text)
  if (relative) {
    // "the day before christmas": the named date, one day off. Its base is looked for from a day
    // later (or earlier), so the shifted date is never in the past.
    const offset = relative[1] === 'before' ? -1 : 1
    const base = namedDate(relative[2]!, addDays(today, -offset), specials)
    if (base) {
      const date = addDays(base.date, offset)
      const holiday = HOLIDAYS.find((h) => h.on(Number(date.slice(0, 4))) === date)
      return holiday ? { date, name: holiday.name, holiday: true } : { date, holiday: false }
    }
  }
  const own = ownSpecial(text, today, specials)
  if (own) return { date: own.date, name: own.name!, holiday: false }
  for (const holiday of HOLIDAYS) {
    if (!holiday.pattern.test(text)) continue
    const date = nextOf(today, holiday.on)
    if (date) return { date, name: holiday.name, holiday: true }
  }
  const date = monthDay(text, today) ?? thisOrNextWeekday(text, today) ?? dayOfMonth(text, today)
  return date ? { date, holiday: false } : undefined
}
