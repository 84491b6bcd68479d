import { normaliseDay, type Shift } from '../hours/hours.queries.ts'
import type { SpecialDate } from '../hours/special-dates.queries.ts'

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']

/** The wall clock of `timeZone` at `instant`, read as if it were UTC (milliseconds). */
function wallClock(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
}

/** The instant when the wall clock in `timeZone` shows `date` `time` ("2026-12-24", "11:30"). */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  const wanted = Date.parse(`${date}T${time}:00Z`)
  // The zone's offset, read back from Intl; twice, in case the first guess is across a DST change.
  let instant = wanted
  for (let pass = 0; pass < 2; pass++) instant = wanted - (wallClock(new Date(instant), timeZone) - instant)
  return new Date(instant)
}

/** The calendar date in `timeZone`, `days` after the date of `now`. */
function localDate(now: Date, timeZone: string, days: number) {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)
  const shifted = new Date(`${today}T12:00:00Z`)
  shifted.setUTCDate(shifted.getUTCDate() + days)
  return shifted.toISOString().slice(0, 10)
}

/**
 * When the restaurant next opens after today ("sold out tonight" lasts until then), looking at
 * special dates first, as the assistant does; tomorrow at 06:00 when no hours say.
 */
export function nextOpeningAfterToday(
  hours: Shift[],
  specialDates: SpecialDate[],
  timeZone: string,
  now = new Date(),
): Date {
  for (let days = 1; days <= 14; days++) {
    const date = localDate(now, timeZone, days)
    const special = specialDates.filter((row) => row.date === date)
    const weekday = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]
    const shifts = special.length > 0 ? special : hours.filter((s) => normaliseDay(s.day_of_week) === weekday)
    const opens = shifts
      .filter((s) => !s.is_closed && s.open_time)
      .map((s) => s.open_time as string)
      .sort()[0]
    if (opens) return zonedTimeToUtc(date, opens, timeZone)
  }
  return zonedTimeToUtc(localDate(now, timeZone, 1), '06:00', timeZone)
}

/** "Tue, Dec 1, 11:30 AM" in the restaurant's time zone. */
export function formatBackAt(iso: string, timeZone: string) {
  return new Date(iso).toLocaleString('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  })
}

/** An instant as the value of a datetime-local field showing the restaurant's wall clock. */
export function toLocalInputValue(iso: string, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00'
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`
}
