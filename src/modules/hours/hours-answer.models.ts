import { type LocalTime, speakClock, WEEKDAYS } from '../../shared/local-time.ts'
import type { ToolAnswer } from '../knowledge/knowledge.types.ts'
import { isOpenAt, type Schedule, type Shift, shiftsOn, speakRanges, statusAt, statusSentence } from './hours.models.ts'
import { type HoursQuestion, MEAL_WINDOWS, type Meal } from './hours-question.models.ts'

// Turns an understood question and the schedule into one short, speakable answer that names only
// the days asked about (reading the whole week back is an answer only to "what are your hours").

const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0]

function dayLabel(day: number, today: number): string {
  if (day === today) return `Today, ${WEEKDAYS[day]},`
  if (day === (today + 1) % 7) return `Tomorrow, ${WEEKDAYS[day]},`
  return `On ${WEEKDAYS[day]}`
}

function daySentence(shifts: Shift[], label: string): string {
  return shifts.length === 0 ? `${label} we're closed.` : `${label} we're open ${speakRanges(shifts)}.`
}

function mealSentence(shifts: Shift[], label: string, meal: Meal): string {
  if (shifts.length === 0) return `${label} we're closed, so we're not open for ${meal}.`
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

function timeSentence(schedule: Schedule, shifts: Shift[], label: string, day: number, minute: number): string {
  const hours = shifts.length > 0 ? `; that day we're open ${speakRanges(shifts)}` : "; we're closed that day"
  return isOpenAt(schedule, day, minute)
    ? `Yes, ${lowerFirst(label)} at ${speakClock(minute)} we're open${hours}.`
    : `No, ${lowerFirst(label)} at ${speakClock(minute)} we're not open${hours}.`
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)

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
  const metadata = { open_now: status.open, kind: question.kind, days: question.days.map((day) => WEEKDAYS[day]) }
  if (!schedule.hasData)
    return { result: "I don't have this restaurant's opening hours on file.", metadata, unanswered: true }
  const holiday = question.aboutHoliday
    ? " I don't have special holiday hours on file, so these are our regular hours."
    : ''
  if (question.kind === 'now')
    return { result: statusSentence(schedule, now, { withClosing: question.asksClose }) + holiday, metadata }
  if (question.kind === 'week')
    return {
      result: `${statusSentence(schedule, now)} ${weekSentence(schedule)}${holiday}`,
      metadata,
      unanswered: question.aboutHoliday,
    }

  const sentences = question.days.map((day) => {
    const shifts = shiftsOn(schedule, day)
    const label = dayLabel(day, now.weekday)
    if (question.minute !== undefined) return timeSentence(schedule, shifts, label, day, question.minute)
    if (question.meal) return mealSentence(shifts, label, question.meal)
    return daySentence(shifts, label)
  })
  // About today only: whether we are open this minute matters more than the day's range.
  const todayOnly = question.days.length === 1 && question.days[0] === now.weekday && question.minute === undefined
  const prefix = todayOnly ? `${statusSentence(schedule, now)} ` : ''
  return { result: prefix + sentences.join(' ') + holiday, metadata }
}
