// Calendar dates as YYYY-MM-DD strings: arithmetic in UTC, where every day has 24 hours, so that
// a restaurant's local dates are counted without any time-zone or daylight-saving effect.

const MS_PER_DAY = 86_400_000
const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`)

export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * MS_PER_DAY).toISOString().slice(0, 10)
}

export const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / MS_PER_DAY)

/** 0 = Sunday … 6 = Saturday */
export const weekdayOf = (date: string) => new Date(toUtc(date)).getUTCDay()

export function dateOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined // Feb 30
  return date.toISOString().slice(0, 10)
}

const speaker = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' })
/** "Friday, December 25" */
export const speakDate = (date: string) => speaker.format(new Date(toUtc(date)))
