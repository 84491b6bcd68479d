import { type LocalTime, speakClock, WEEKDAYS } from '../../shared/local-time.ts'
import { addDays, speakDate, weekdayOf } from './calendar-dates.models.ts'

// A restaurant's week as shifts in minutes of their weekday; a shift that closes after midnight
// belongs to the day it opened and simply runs past 1440. Special dates replace their weekday's
// shifts on that date. Moments are counted in minutes from the local midnight of "today".

export type HoursRow = { dayOfWeek: number; openTime: string | null; closeTime: string | null; isClosed: boolean }
export type SpecialDateRow = {
  date: string
  name: string | null
  openTime: string | null
  closeTime: string | null
  isClosed: boolean
}
export type Shift = { day: number; open: number; close: number }
export type SpecialDay = { date: string; name: string | null; shifts: Shift[] }
export type Schedule = { shifts: Shift[]; hasData: boolean; specials: Map<string, SpecialDay> }

const DAY = 1440
/** How far ahead "when do you open next" looks (a long closure for works, a season). */
const HORIZON_DAYS = 400

const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(':')
  return Number(hours) * 60 + Number(minutes)
}

function toShift(day: number, openTime: string, closeTime: string): Shift {
  const open = minutesOf(openTime)
  let close = minutesOf(closeTime)
  // close ≤ open: closes after midnight ("24:00" is stored as 00:00 and lands here too).
  if (close <= open) close += DAY
  return { day, open, close }
}

export function buildSchedule(rows: HoursRow[], specialRows: SpecialDateRow[] = []): Schedule {
  const shifts = rows
    .filter((row) => !row.isClosed && row.openTime && row.closeTime)
    .map((row) => toShift(row.dayOfWeek, row.openTime!, row.closeTime!))
    .sort((a, b) => a.day - b.day || a.open - b.open)
  const specials = new Map<string, SpecialDay>()
  for (const row of specialRows) {
    const day = specials.get(row.date) ?? { date: row.date, name: null, shifts: [] }
    day.name ??= row.name
    if (!row.isClosed && row.openTime && row.closeTime)
      day.shifts.push(toShift(weekdayOf(row.date), row.openTime, row.closeTime))
    specials.set(row.date, day)
  }
  for (const day of specials.values()) day.shifts.sort((a, b) => a.open - b.open)
  return { shifts, hasData: rows.length > 0 || specials.size > 0, specials }
}

export const shiftsOn = (schedule: Schedule, day: number) => schedule.shifts.filter((shift) => shift.day === day)

/** The shifts of one calendar date: its special date's if it has one, else its weekday's. */
export const shiftsOnDate = (schedule: Schedule, date: string) =>
  schedule.specials.get(date)?.shifts ?? shiftsOn(schedule, weekdayOf(date))

type Interval = { start: number; end: number }
/** The shifts of the date `offset` days from today, as minutes from today's midnight. */
const intervalsOn = (schedule: Schedule, today: string, offset: number): Interval[] =>
  shiftsOnDate(schedule, addDays(today, offset)).map((s) => ({
    start: offset * DAY + s.open,
    end: offset * DAY + s.close,
  }))

export type Opening = { minutesUntil: number; opensAt: number; closesAt: number }
export type Status = { open: true; minutesLeft: number; closesAt: number } | { open: false; next?: Opening }

/** The first opening that starts after minute `after` (from today's midnight), across special dates. */
export function nextOpening(schedule: Schedule, now: LocalTime, after: number): Opening | undefined {
  for (let offset = Math.max(-1, Math.floor(after / DAY) - 1); offset <= HORIZON_DAYS; offset++) {
    const upcoming = intervalsOn(schedule, now.date, offset).find((i) => i.start > after)
    if (upcoming)
      return { minutesUntil: upcoming.start - now.minuteOfDay, opensAt: upcoming.start, closesAt: upcoming.end }
  }
  return undefined
}

/** Open or closed at a minute counted from today's midnight, until when (adjoining shifts merged). */
function statusAtMinute(schedule: Schedule, now: LocalTime, t: number): Status {
  const day = Math.floor(t / DAY)
  const around = [day - 1, day, day + 1, day + 2].flatMap((offset) => intervalsOn(schedule, now.date, offset))
  const current = around.filter((i) => i.start <= t && t < i.end)
  if (current.length === 0) return { open: false, next: nextOpening(schedule, now, t) }
  let end = Math.max(...current.map((i) => i.end))
  for (let guard = 0; guard < 20; guard++) {
    const continuing = around.find((i) => i.start <= end && i.end > end)
    if (!continuing) break
    end = continuing.end
  }
  return { open: true, minutesLeft: end - t, closesAt: end }
}

export const statusAt = (schedule: Schedule, now: LocalTime): Status => statusAtMinute(schedule, now, now.minuteOfDay)

/** Whether the restaurant is open at `minute` of the date `offset` days from today. */
export const isOpenOn = (schedule: Schedule, now: LocalTime, offset: number, minute: number) =>
  statusAtMinute(schedule, now, offset * DAY + minute).open

/** "later today", "tomorrow", "on Thursday", "on Monday, January 4" for a moment `minutesAhead` from now. */
export function relativeDay(now: LocalTime, minutesAhead: number): string {
  const daysAhead = Math.floor((now.minuteOfDay + minutesAhead) / DAY)
  const date = addDays(now.date, daysAhead)
  if (daysAhead === 0) return 'later today'
  if (daysAhead === 1) return 'tomorrow'
  return daysAhead < 7 ? `on ${WEEKDAYS[weekdayOf(date)]}` : `on ${speakDate(date)}`
}

/** "we open again on Saturday at 11 AM" for an opening; "we have no opening hours coming up" without. */
export function reopening(now: LocalTime, next: Opening | undefined, { withClosing = false } = {}): string {
  if (!next) return "we don't have any opening hours coming up"
  const closing = withClosing ? ` and close at ${speakClock(next.closesAt)}` : ''
  return `we open again ${relativeDay(now, next.minutesUntil)} at ${speakClock(next.opensAt)}${closing}`
}

/** `withClosing`: the caller asked when we close, so a closed answer also says when the next opening ends. */
export function statusSentence(schedule: Schedule, now: LocalTime, { withClosing = false } = {}): string {
  const status = statusAt(schedule, now)
  if (status.open) {
    const closing = speakClock(status.closesAt)
    return status.minutesLeft <= 30
      ? `We're open right now, but we close soon, at ${closing}.`
      : `We're open right now until ${closing}.`
  }
  if (!status.next) return "We're closed right now."
  return `We're closed right now; ${reopening(now, status.next, { withClosing })}.`
}

export const speakRange = (shift: Shift) => `${speakClock(shift.open)} to ${speakClock(shift.close)}`
export const speakRanges = (shifts: Shift[], { from = true } = {}) =>
  shifts.map((shift) => `${from ? 'from ' : ''}${speakRange(shift)}`).join(' and ')
