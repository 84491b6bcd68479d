import type { specialDates } from '../../infra/db/schema.ts'
import { fieldError, formatTime } from '../restaurants/restaurants.models.ts'

// A special date (holiday, one-off change) between its public shape and its row.

export type SpecialDateRow = typeof specialDates.$inferSelect
export type SpecialDateApi = {
  date: string
  name?: string | null
  is_closed?: boolean
  open_time?: string | null
  close_time?: string | null
}

/** "2026-02-30" passes the pattern but is no day of any calendar. */
function assertRealDate(date: string, field: string) {
  const parsed = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    throw fieldError(field, `is not a calendar date: "${date}"`)
}

// "24:00" is the end of the day, stored as 00:00 (as for the weekly hours).
const toDbTime = (time: string) => (time === '24:00' ? '00:00' : time)

export function specialDateFromApi(row: SpecialDateApi, field: string) {
  assertRealDate(row.date, `${field}.date`)
  const name = row.name?.trim() || null
  if (row.is_closed) return { date: row.date, name, openTime: null, closeTime: null, isClosed: true }
  if (!row.open_time) throw fieldError(`${field}.open_time`, 'is required unless is_closed is true')
  if (!row.close_time) throw fieldError(`${field}.close_time`, 'is required unless is_closed is true')
  if (row.open_time === row.close_time) throw fieldError(`${field}.close_time`, 'must differ from open_time')
  return {
    date: row.date,
    name,
    openTime: toDbTime(row.open_time),
    closeTime: toDbTime(row.close_time),
    isClosed: false,
  }
}

export const specialDateToApi = (
  row: Pick<SpecialDateRow, 'date' | 'name' | 'isClosed' | 'openTime' | 'closeTime'>,
) => ({
  date: row.date,
  ...(row.name ? { name: row.name } : {}),
  ...(row.isClosed
    ? { is_closed: true }
    : { open_time: formatTime(row.openTime)!, close_time: formatTime(row.closeTime)! }),
})
