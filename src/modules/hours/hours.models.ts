import { type LocalTime, speakClock, WEEKDAYS } from '../../shared/local-time.ts'

// A restaurant's week as intervals of "week minutes" (0 = Sunday 00:00). A shift that closes
// after midnight belongs to the day it opened and simply runs past 1440.

export type HoursRow = { dayOfWeek: number; openTime: string | null; closeTime: string | null; isClosed: boolean }
export type Shift = { day: number; open: number; close: number }
export type Schedule = { shifts: Shift[]; hasData: boolean }

const DAY = 1440
const WEEK = 7 * DAY

const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(':')
  return Number(hours) * 60 + Number(minutes)
}

export function buildSchedule(rows: HoursRow[]): Schedule {
  const shifts = rows
    .filter((row) => !row.isClosed && row.openTime && row.closeTime)
    .map((row) => {
      const open = minutesOf(row.openTime!)
      let close = minutesOf(row.closeTime!)
      // close ≤ open: closes after midnight ("24:00" is stored as 00:00 and lands here too).
      if (close <= open) close += DAY
      return { day: row.dayOfWeek, open, close }
    })
    .sort((a, b) => a.day - b.day || a.open - b.open)
  return { shifts, hasData: rows.length > 0 }
}

export const shiftsOn = (schedule: Schedule, day: number) => schedule.shifts.filter((shift) => shift.day === day)

/** Every shift as an interval, repeated a week before and after so that wrap-around needs no special case. */
function intervals(schedule: Schedule) {
  return schedule.shifts.flatMap((shift) =>
    [-WEEK, 0, WEEK].map((offset) => ({
      start: shift.day * DAY + shift.open + offset,
      end: shift.day * DAY + shift.close + offset,
    })),
  )
}

export type Status =
  | { open: true; minutesLeft: number; closesAt: number }
  | { open: false; next?: { minutesUntil: number; opensAt: number; closesAt: number } }

/** Open or closed at a local time, until when (adjoining shifts merged), or when it opens next. */
export function statusAt(schedule: Schedule, now: LocalTime): Status {
  const t = now.weekday * DAY + now.minuteOfDay
  const all = intervals(schedule)
  const current = all.filter((i) => i.start <= t && t < i.end)
  if (current.length > 0) {
    let end = Math.max(...current.map((i) => i.end))
    for (let guard = 0; guard < 20; guard++) {
      const continuing = all.find((i) => i.start <= end && i.end > end)
      if (!continuing) break
      end = continuing.end
    }
    return { open: true, minutesLeft: end - t, closesAt: end }
  }
  const upcoming = all.filter((i) => i.start > t).sort((a, b) => a.start - b.start)[0]
  return upcoming
    ? { open: false, next: { minutesUntil: upcoming.start - t, opensAt: upcoming.start, closesAt: upcoming.end } }
    : { open: false }
}

/** Whether the restaurant is open at a given minute of a given weekday. */
export function isOpenAt(schedule: Schedule, day: number, minute: number): boolean {
  const t = day * DAY + minute
  return intervals(schedule).some((i) => i.start <= t && t < i.end)
}

/** "today", "tomorrow", "on Thursday", "next Tuesday" for a moment `minutesAhead` from now. */
export function relativeDay(now: LocalTime, minutesAhead: number): string {
  const daysAhead = Math.floor((now.minuteOfDay + minutesAhead) / DAY)
  const weekday = WEEKDAYS[(now.weekday + daysAhead) % 7]
  if (daysAhead === 0) return 'later today'
  if (daysAhead === 1) return 'tomorrow'
  return daysAhead < 7 ? `on ${weekday}` : `next ${weekday}`
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
  const closing = withClosing ? ` and close at ${speakClock(status.next.closesAt)}` : ''
  return `We're closed right now; we open again ${relativeDay(now, status.next.minutesUntil)} at ${speakClock(status.next.opensAt)}${closing}.`
}

export const speakRange = (shift: Shift) => `${speakClock(shift.open)} to ${speakClock(shift.close)}`
export const speakRanges = (shifts: Shift[], { from = true } = {}) =>
  shifts.map((shift) => `${from ? 'from ' : ''}${speakRange(shift)}`).join(' and ')
