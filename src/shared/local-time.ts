// Wall-clock time in a restaurant's time zone, through Intl so that daylight-saving changes are
// the time-zone database's business, not ours.

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
const SHORT_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

export type LocalTime = {
  /** 0 = Sunday … 6 = Saturday */
  weekday: number
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number
  /** YYYY-MM-DD */
  date: string
  /** YYYY-MM-DDTHH:MM, e.g. for cache keys that depend on the local minute. */
  minuteKey: string
}

// Building a DateTimeFormat costs far more than using one; there are only a few zones.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatterFor(timeZone: string) {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {}
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value
  const hour = Number(parts.hour) % 24
  const minute = Number(parts.minute)
  const date = `${parts.year}-${parts.month}-${parts.day}`
  return {
    weekday: SHORT_WEEKDAYS.indexOf(parts.weekday!),
    minuteOfDay: hour * 60 + minute,
    date,
    minuteKey: `${date}T${parts.hour}:${parts.minute}`,
  }
}

/**
 * The instant at which the wall clock of `timeZone` shows `minuteOfDay` on `date` (YYYY-MM-DD;
 * minutes past 1439 run into the next days). The zone's offset is read back through localTime,
 * twice, so that a guess on the other side of a daylight-saving change is corrected.
 */
export function zonedInstant(date: string, minuteOfDay: number, timeZone: string): Date {
  const wanted = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000
  let instant = wanted
  for (let pass = 0; pass < 2; pass++) {
    const wall = localTime(new Date(instant), timeZone)
    instant -= Date.parse(`${wall.date}T00:00:00Z`) + wall.minuteOfDay * 60_000 - wanted
  }
  return new Date(instant)
}

/** A clock time as people say it: "11:30 AM", "10 PM", "noon", "midnight". Accepts minutes ≥ 1440. */
export function speakClock(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440
  if (m === 0) return 'midnight'
  if (m === 720) return 'noon'
  const hour = Math.floor(m / 60)
  const minute = m % 60
  const suffix = hour < 12 ? 'AM' : 'PM'
  const h12 = hour % 12 === 0 ? 12 : hour % 12
  return minute === 0 ? `${h12} ${suffix}` : `${h12}:${String(minute).padStart(2, '0')} ${suffix}`
}

/** "Friday, December 4, 2026" and "6:00 PM" for the assistant's prompt variables. */
const describers = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>()
export function describeLocalDateTime(instant: Date, timeZone: string) {
  // Every assistant-request lands here; building the two formatters was most of its CPU.
  let pair = describers.get(timeZone)
  if (!pair) {
    pair = {
      date: new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'long',
        year: 'numeric',
        month: 'long',
        day: 'numeric',
      }),
      time: new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }),
    }
    describers.set(timeZone, pair)
  }
  return { date: pair.date.format(instant), time: pair.time.format(instant) }
}
