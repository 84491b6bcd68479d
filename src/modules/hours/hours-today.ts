import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { LocalTime } from '../../shared/local-time.ts'
import { localTime, zonedInstant } from '../../shared/local-time.ts'
import { nextOpening, type Schedule, shiftsOnDate, speakRanges, statusAt, statusSentence } from './hours.models.ts'
import { loadSchedule } from './hours.repository.ts'

/** Prompt variables for the assistant: whether we are open now and today's hours (special dates included). */
export function describeToday(schedule: Schedule, now: LocalTime) {
  const shifts = shiftsOnDate(schedule, now.date)
  const special = schedule.specials.get(now.date)?.name
  const hours = shifts.length === 0 ? 'closed today' : speakRanges(shifts, { from: false })
  return {
    open_now: String(statusAt(schedule, now).open),
    open_now_text: schedule.hasData ? statusSentence(schedule, now) : "We don't have our opening hours on file.",
    today_hours: special ? `${hours} (${special})` : hours,
  }
}

export function createTodayDescriber({ database }: { database: DatabaseHandle }) {
  return async function describeHoursToday({
    restaurant,
    now,
  }: {
    restaurant: { id: string; timezone: string }
    now: Date
  }) {
    const local = localTime(now, restaurant.timezone)
    const { schedule } = await loadSchedule({ database, restaurantId: restaurant.id, today: local.date })
    return describeToday(schedule, local)
  }
}

const LAST_MINUTE_OF_TODAY = 1439

/**
 * Open now or not, as instants the dashboard can show and use: until when, when it next opens, and
 * when it first opens after today (when "sold out tonight" ends). Computed by the same schedule
 * code as the assistant's answers, special dates included.
 */
export function openStatus(schedule: Schedule, now: LocalTime, timeZone: string) {
  const at = (minuteFromTodaysMidnight: number) =>
    zonedInstant(now.date, minuteFromTodaysMidnight, timeZone).toISOString()
  const status = statusAt(schedule, now)
  const afterToday = nextOpening(schedule, now, LAST_MINUTE_OF_TODAY)
  return {
    open_now: status.open,
    closes_at: status.open ? at(status.closesAt) : null,
    next_opening: !status.open && status.next ? at(status.next.opensAt) : null,
    next_opening_after_today: afterToday ? at(afterToday.opensAt) : null,
  }
}
