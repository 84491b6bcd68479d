import { lookUp } from '../../shared/look-up.ts'
import { normalizeText, soundsLike, tokenize } from '../../shared/text-match.ts'
import { weekdayOf } from './calendar-dates.models.ts'
import { type NamedDate, namedDate } from './named-dates.models.ts'

/** What an hours question asks about, understood from the caller's words. */
export type HoursQuestion = {
  /** now: open right now?; days: particular days; week: the whole schedule. */
  kind: 'now' | 'days' | 'week'
  days: number[]
  meal?: Meal
  /** A clock time asked about ("at 9 pm"), minutes since midnight. */
  minute?: number
  /** The question is also about this moment ("still", "right now", "tonight"). */
  aboutNow: boolean
  /** About closing time ("when do you close", "how late"). */
  asksClose: boolean
  /** About a holiday (named or in general). */
  aboutHoliday: boolean
  /** Nothing in the question was about hours: the general answer is a guess. */
  vague?: boolean
  /** A calendar date the caller named ("Christmas Eve", "the 24th", "next Monday"). */
  named?: NamedDate
}

/** Where "today" is, for resolving named dates: the local date and the restaurant's own special dates. */
export type QuestionCalendar = { date: string; specials?: { date: string; name: string | null }[] }

export type Meal = 'breakfast' | 'brunch' | 'lunch' | 'dinner'
export const MEAL_WINDOWS: Record<Meal, { start: number; end: number }> = {
  breakfast: { start: 7 * 60, end: 10 * 60 + 30 },
  brunch: { start: 10 * 60, end: 14 * 60 },
  lunch: { start: 11 * 60 + 30, end: 14 * 60 + 30 },
  dinner: { start: 17 * 60 + 30, end: 21 * 60 },
}

const DAY_WORDS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
const DAY_ABBREVIATIONS: Record<string, number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  tues: 2,
  wed: 3,
  weds: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  fri: 5,
  sat: 6,
}
// Words near a day name that must not be mistaken for one ("today" is two slips from "monday").
const NOT_DAYS = new Set([
  'today',
  'tonight',
  'tomorrow',
  'someday',
  'sundae',
  'sundaes',
  'holiday',
  'holidays',
  'birthday',
  'midday',
  'yesterday',
])
const TODAY = new Set(['today', 'tonight', 'tonite', 'todays'])
const NOW = ['now', 'currently', 'still', 'yet', 'presently', 'moment', 'anymore']
const MEALS: Record<string, Meal> = {
  breakfast: 'breakfast',
  brunch: 'brunch',
  lunch: 'lunch',
  lunchtime: 'lunch',
  dinner: 'dinner',
  supper: 'dinner',
  dinnertime: 'dinner',
}
const WEEK_WORDS = ['hours', 'schedule', 'days', 'week', 'weekly', 'everyday', 'daily']
const OPEN_CLOSE = [
  'open',
  'opening',
  'opens',
  'close',
  'closing',
  'closes',
  'closed',
  'shut',
  'late',
  'early',
  'till',
  'until',
]
const HOLIDAY =
  /\b(holiday|holidays|christmas|xmas|thanksgiving|easter|new years?|july 4|fourth of july|labor day|memorial day)\b/

function dayOf(word: string): number | undefined {
  if (NOT_DAYS.has(word)) return undefined
  const abbreviated = lookUp(DAY_ABBREVIATIONS, word)
  if (abbreviated !== undefined) return abbreviated
  const singular = word.length > 6 && word.endsWith('s') ? word.slice(0, -1) : word
  const exact = DAY_WORDS.indexOf(singular)
  if (exact >= 0) return exact
  if (singular.length < 5) return undefined
  const close = DAY_WORDS.findIndex((day) => soundsLike(singular, day))
  return close >= 0 ? close : undefined
}

/** Weekdays named in the question, in order; "wednes day" (split by speech recognition) counts. */
function namedDays(tokens: string[]): number[] {
  const days: number[] = []
  for (let i = 0; i < tokens.length; i++) {
    const joined = i + 1 < tokens.length ? dayOf(tokens[i]! + tokens[i + 1]!) : undefined
    const day = joined ?? dayOf(tokens[i]!)
    if (joined !== undefined) i++
    if (day !== undefined && !days.includes(day)) days.push(day)
  }
  return days
}

function relativeDays(text: string, tokens: string[], today: number): number[] {
  if (/\bday after tomorrow\b/.test(text)) return [(today + 2) % 7]
  if (tokens.some((t) => t === 'tmrw' || t === 'tmr' || (t.length >= 7 && soundsLike(t, 'tomorrow'))))
    return [(today + 1) % 7]
  if (tokens.some((t) => TODAY.has(t)) || /\bthis (morning|afternoon|evening)\b/.test(text)) return [today]
  if (/\bweekends?\b/.test(text)) return [6, 0]
  if (/\b(weekdays|during the week|monday (to|through|thru) friday)\b/.test(text)) return [1, 2, 3, 4, 5]
  return []
}

/** A clock time in the question: "9pm", "9:30 p.m.", "at 9", "noon", "midnight". */
export function timeOf(query: string): number | undefined {
  const lower = query.toLowerCase()
  if (/\bnoon\b/.test(lower)) return 720
  if (/\bmidnight\b/.test(lower)) return 0
  const match = /\b(\d{1,2})(?::(\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|o'?\s?clock)?(?![\d:])/.exec(lower)
  if (!match) return undefined
  const [, h, m, suffix] = match
  const hour = Number(h)
  const minute = m ? Number(m) : 0
  if (hour > 23 || minute > 59) return undefined
  // A bare number counts only after "at/by/around/until" or with minutes ("at 9", "9:30").
  if (!suffix && !m && !/\b(at|by|around|until|till|after|before|past)\s+\d/.test(lower)) return undefined
  if (suffix?.startsWith('a')) return (hour % 12) * 60 + minute
  if (suffix?.startsWith('p')) return ((hour % 12) + 12) * 60 + minute
  // No AM/PM: restaurants keep evening hours, so 1–10 means PM; 11 means late morning, except
  // "until 11" / "after 11", which are about the night.
  const evening = hour >= 1 && (hour <= 10 || (hour === 11 && /\b(until|till|after|past)\s+11\b/.test(lower)))
  return evening ? (hour + 12) * 60 + minute : hour * 60 + minute
}

export function understandHoursQuestion(query: string, today: number, calendar?: QuestionCalendar): HoursQuestion {
  const text = normalizeText(query)
  const named = calendar && namedDate(query, calendar.date, calendar.specials)
  const tokens = tokenize(query)
  const has = (words: string[]) => tokens.some((t) => words.includes(t))
  const aboutNow = has(NOW) || /\bat the moment\b/.test(text) || tokens.some((t) => TODAY.has(t))
  const meal = tokens.map((t) => lookUp(MEALS, t)).find(Boolean)
  const minute = timeOf(query)
  const weekdays = namedDays(tokens)
  const days = weekdays.length > 0 ? weekdays : relativeDays(text, tokens, today)
  const aboutHoliday = HOLIDAY.test(text) || named?.holiday === true
  const asksClose = has(['close', 'closing', 'closes', 'shut', 'late', 'till', 'until'])
  const base = { meal, minute, aboutNow, aboutHoliday, asksClose }
  if (named) return { kind: 'days', days: [weekdayOf(named.date)], ...base, named }
  if (days.length > 0) return { kind: 'days', days, ...base }
  if (meal !== undefined || minute !== undefined) return { kind: 'days', days: [today], ...base }
  if (aboutNow) return { kind: 'now', days: [], ...base }
  if (has(WEEK_WORDS) || /\bevery day\b/.test(text) || aboutHoliday) return { kind: 'week', days: [], ...base }
  if (has(OPEN_CLOSE)) return { kind: 'now', days: [], ...base }
  return { kind: 'week', days: [], ...base, vague: true }
}
