import { type LocalTime, localTime, speakClock } from '../../shared/local-time.ts'
import { daysBetween } from '../hours/calendar-dates.models.ts'
import { nextOpening, relativeDay, reopening, type Schedule, statusAt, statusSentence } from '../hours/hours.models.ts'
import { timeOf } from '../hours/hours-question.models.ts'
import { type Refusal, refuse } from './order-refusals.models.ts'

// When an order will be ready, and whether the restaurant is open then. Moments are turned into
// minutes from the restaurant's local midnight today, which is what the hours module reasons in.

export const DEFAULT_PICKUP_LEAD_MINUTES = 20
const MINUTE = 60_000
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/

/**
 * The instant a caller asked for: an ISO time with an offset, a local "YYYY-MM-DDTHH:MM", or a
 * clock time ("18:30", "7:30 pm") meaning the next such time from now. Undefined when unreadable.
 */
export function parsePickupTime(spoken: string, now: Date, timezone: string): Date | undefined {
  const text = spoken.trim()
  const local = localTime(now, timezone)
  const fromLocalMinute = (minute: number) => new Date(now.getTime() + (minute - local.minuteOfDay) * MINUTE)
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(text) && /^\d{4}-/.test(text)) {
    const ms = Date.parse(text)
    return Number.isNaN(ms) ? undefined : new Date(ms)
  }
  const dated = LOCAL_DATE_TIME.exec(text)
  if (dated) {
    const [, date, hours, minutes] = dated
    if (Number(hours) > 23 || Number(minutes) > 59) return undefined
    return fromLocalMinute(daysBetween(local.date, date!) * 1440 + Number(hours) * 60 + Number(minutes))
  }
  const minute = timeOf(/^\d{1,2}$/.test(text) ? `at ${text}` : text)
  if (minute === undefined) return undefined
  // A time already past today is the next day's ("half past midnight" asked at 11 PM).
  return fromLocalMinute(minute < local.minuteOfDay ? minute + 1440 : minute)
}

export type ReadyTime = { readyAt: Date; local: LocalTime }

/** "at 6:45 PM", "tomorrow at 12:30 PM": a moment as the caller hears it. */
export function speakMoment(at: Date, now: Date, timezone: string): string {
  const local = localTime(now, timezone)
  const ahead = Math.round((at.getTime() - now.getTime()) / MINUTE)
  const day = relativeDay(local, ahead)
  const clock = `at ${speakClock(local.minuteOfDay + ahead)}`
  return day === 'later today' ? clock : `${day} ${clock}`
}

/**
 * When the order is ready (the requested time, but never sooner than the lead time allows), or a
 * refusal saying why not then and when the restaurant next opens.
 */
export function readyTime({
  schedule,
  now,
  timezone,
  leadMinutes,
  pickupTime,
}: {
  schedule: Schedule
  now: Date
  timezone: string
  leadMinutes: number
  pickupTime?: string
}): ReadyTime | Refusal {
  const local = localTime(now, timezone)
  const earliest = new Date(now.getTime() + leadMinutes * MINUTE)
  let readyAt = earliest
  if (pickupTime !== undefined && pickupTime.trim() !== '') {
    const requested = parsePickupTime(pickupTime, now, timezone)
    if (!requested)
      return refuse('bad_pickup_time', `I couldn't read the time "${pickupTime}"; say it like 18:30 or 6:30 PM.`)
    if (requested > earliest) readyAt = requested
  } else if (schedule.hasData && !statusAt(schedule, local).open) {
    return refuse('closed', `${statusSentence(schedule, local)} You can order ahead for when we're open.`)
  }
  if (!schedule.hasData) return { readyAt, local }
  const minute = local.minuteOfDay + Math.round((readyAt.getTime() - now.getTime()) / MINUTE)
  const statusThen = statusAt(schedule, { ...local, minuteOfDay: minute })
  if (statusThen.open) return { readyAt, local }
  const next = nextOpening(schedule, local, minute)
  return refuse(
    'closed',
    `We're closed ${speakMoment(readyAt, now, timezone)}, when this order would be ready; ${reopening(local, next)}.`,
  )
}
