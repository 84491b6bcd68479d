import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { LocalTime } from '../../shared/local-time.ts'
import { localTime } from '../../shared/local-time.ts'
import { type Schedule, shiftsOnDate, speakRanges, statusAt, statusSentence } from './hours.models.ts'
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
