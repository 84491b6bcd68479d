import { type LocalTime, speakClock, WEEKDAYS } from '../../shared/local-time.ts'
import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import { addDays, daysBetween, speakDate, weekdayOf } from './calendar-dates.models.ts'
import {
  isOpenOn,
  nextOpening,
  reopening,
  type Schedule,
  shiftsOn,
  shiftsOnDate,
  speakRanges,
  statusAt,
  statusSentence,
} from './hours.models.ts'
import { type HoursQuestion, MEAL_WINDOWS, type Meal } from './hours-question.models.ts'

// Turns an understood question and the schedule into one short, speakable answer that names only
// the days asked about (reading the whole week back is an answer only to "what are your hours").
// Days are calendar dates: a special date (holiday, one-off change) replaces its weekday's hours,
// and every "closed" answer says when we next open.

const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0]
const DAY = 1440

/** The date asked about, as a label: "Today, Friday,", "On Friday", "On Friday, December 25, Christmas Day,". */
function dateLabel(schedule: Schedule, now: LocalTime, date: string, named: boolean): string {
  const offset = daysBetween(now.date, date)
  const weekday = WEEKDAYS[weekdayOf(date)]
  const special = schedule.specials.get(date)?.name
  const name = special ? ` ${special},` : ''
  if (offset === 0) return `Today, ${weekday},${name}`
  if (offset === 1) return `Tomorrow, ${weekday},${name}`
  if (offset < 7 && !named && !special) return `On ${weekday}`
  return `On ${speakDate(date)},${name}`
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)

/** "; we open again on Saturday at 11 AM" after the end of a closed date. */
function reopensAfter(schedule: Schedule, now: LocalTime, date: string): string {
  const endOfDay = (daysBetween(now.date, date) + 1) * DAY - 1
  return `; ${reopening(now, nextOpening(schedule, now, endOfDay))}`
}

function daySentence(schedule: Schedule, now: LocalTime, date: string, label: string): string {
  const shifts = shiftsOnDate(schedule, date)
  return shifts.length === 0
    ? `${label} we're closed${reopensAfter(schedule, now, date)}.`
    : `${label} we're open ${speakRanges(shifts)}.`
}

function mealSentence(schedule: Schedule, now: LocalTime, date: string, label: string, meal: Meal): string {
  const shifts = shiftsOnDate(schedule, date)
  if (shifts.length === 0)
    return `${label} we're closed, so we're not open for ${meal}${reopensAfter(schedule, now, date)}.`
  const window = MEAL_WINDOWS[meal]
  const serving = shifts.filter((shift) => shift.open < window.end && shift.close > window.start)
  if (serving.length === 0) {
    const opening =
      shifts.length === 1
        ? `we open at ${speakClock(shifts[0]!.open)} and close at ${speakClock(shifts[0]!.close)}`
        : `we're open ${speakRanges(shifts)}`
    return `${label} we're not open for ${meal}: ${opening}.`
  }
  const others = shifts.filter((shift) => !serving.includes(shift))
  const also = others.length > 0 ? ` We're also open ${speakRanges(others)}.` : ''
  return `Yes, ${lowerFirst(label)} we're open for ${meal}, ${speakRanges(serving)}.${also}`
}

function timeSentence(schedule: Schedule, now: LocalTime, date: string, label: string, minute: number): string {
  const shifts = shiftsOnDate(schedule, date)
  const offset = daysBetween(now.date, date)
  if (isOpenOn(schedule, now, offset, minute)) {
    const hours = shifts.length > 0 ? `; that day we're open ${speakRanges(shifts)}` : ''
    return `Yes, ${lowerFirst(label)} at ${speakClock(minute)} we're open${hours}.`
  }
  const hours =
    shifts.length > 0
      ? `; that day we're open ${speakRanges(shifts)}`
      : `; we're closed that day, and ${reopening(now, nextOpening(schedule, now, offset * DAY + minute))}`
  return `No, ${lowerFirst(label)} at ${speakClock(minute)} we're not open${hours}.`
}

/** "Monday, closed; Tuesday through Thursday, 11:30 AM to 10 PM; …", equal neighbours grouped. */
export function weekSentence(schedule: Schedule): string {
  const groups: { days: number[]; hours: string }[] = []
  for (const day of WEEK_ORDER) {
    const shifts = shiftsOn(schedule, day)
    const hours = shifts.length === 0 ? 'closed' : speakRanges(shifts, { from: false })
    const last = groups.at(-1)
    if (last && last.hours === hours) last.days.push(day)
    else groups.push({ days: [day], hours })
  }
  const name = (days: number[]) =>
    days.length === 1
      ? WEEKDAYS[days[0]!]
      : days.length === 2
        ? `${WEEKDAYS[days[0]!]} and ${WEEKDAYS[days[1]!]}`
        : `${WEEKDAYS[days[0]!]} through ${WEEKDAYS[days.at(-1)!]}`
  if (groups.length === 1)
    return groups[0]!.hours === 'closed' ? "We're closed every day." : `We're open every day, ${groups[0]!.hours}.`
  return `Our hours: ${groups.map((group) => `${name(group.days)}, ${group.hours}`).join('; ')}.`
}

/** The special dates of the coming `days` days, spoken: "Thursday, December 24, Christmas Eve, we close at 4 PM". */
function upcomingSpecials(schedule: Schedule, now: LocalTime, days: number): string[] {
  return [...schedule.specials.values()]
    .filter((s) => s.date >= now.date && s.date <= addDays(now.date, days))
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, 3)
    .map((s) => {
      const label = `${speakDate(s.date)}${s.name ? `, ${s.name},` : ''}`
      return s.shifts.length === 0 ? `${label} we're closed` : `${label} we're open ${speakRanges(s.shifts)}`
    })
}

function datesAsked(question: HoursQuestion, now: LocalTime): string[] {
  if (question.named) return [question.named.date]
  return question.days.map((day) => addDays(now.date, (day - now.weekday + 7) % 7))
}

export function answerHoursQuestion({
  schedule,
  question,
  now,
}: {
  schedule: Schedule
  question: HoursQuestion
  now: LocalTime
}): ToolAnswer {
  const status = statusAt(schedule, now)
  const dates = datesAsked(question, now)
  const metadata = {
    open_now: status.open,
    kind: question.kind,
    days: dates.map((date) => WEEKDAYS[weekdayOf(date)]),
    dates,
    ...(question.vague ? { match: 'overview' } : {}),
  }
  if (!schedule.hasData)
    return { result: "I don't have this restaurant's opening hours on file.", metadata, unanswered: true }
  const soon = upcomingSpecials(schedule, now, question.aboutHoliday ? 60 : 14)
  const specialNote = soon.length > 0 ? ` Coming up: ${soon.join('; ')}.` : ''
  // A holiday asked about with no special hours on file: our regular hours, said to be just that.
  const unknownHoliday = question.aboutHoliday && !dates.some((date) => schedule.specials.has(date))
  const holiday =
    unknownHoliday && soon.length === 0
      ? " I don't have special holiday hours on file, so these are our regular hours."
      : ''
  if (question.kind === 'now')
    return { result: statusSentence(schedule, now, { withClosing: question.asksClose }) + holiday, metadata }
  if (question.kind === 'week')
    return {
      result: `${statusSentence(schedule, now)} ${weekSentence(schedule)}${specialNote}${holiday}`,
      metadata,
      unanswered: question.aboutHoliday && soon.length === 0,
    }

  const named = question.named !== undefined
  const sentences = dates.map((date) => {
    const label = dateLabel(schedule, now, date, named)
    if (question.minute !== undefined) return timeSentence(schedule, now, date, label, question.minute)
    if (question.meal) return mealSentence(schedule, now, date, label, question.meal)
    return daySentence(schedule, now, date, label)
  })
  // About today only: whether we are open this minute matters more than the day's range.
  const todayOnly = dates.length === 1 && dates[0] === now.date && question.minute === undefined
  const prefix = todayOnly ? `${statusSentence(schedule, now)} ` : ''
  const regular =
    unknownHoliday && named
      ? ` I don't have special hours on file for ${question.named!.name ?? 'that day'}, so these are our regular hours.`
      : holiday
  return { result: prefix + sentences.join(' ') + regular, metadata, ...(unknownHoliday ? { unanswered: true } : {}) }
}
