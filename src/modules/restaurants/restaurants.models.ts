import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js'
import { AppError } from '../../shared/errors.ts'
import type { Bundle } from './restaurants.schemas.ts'

export const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const

export function fieldError(field: string, problem: string) {
  return new AppError('validation_error', `${field} ${problem}`, 400, [{ field, problem }])
}

/** 0 = Sunday … 6 = Saturday, from a full English day name or its 3-letter abbreviation, any case. */
export function parseDayOfWeek(value: string, field: string): number {
  const lower = value.trim().toLowerCase()
  const index = DAY_NAMES.findIndex((day) => day === lower || (lower.length === 3 && day.startsWith(lower)))
  if (index < 0) throw fieldError(field, `must be a day name such as "monday" or "mon", got "${value.slice(0, 20)}"`)
  return index
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export function parseTimeZone(zone: string | undefined, field = 'body.timezone'): string {
  if (zone === undefined) return 'UTC'
  if (!isValidTimeZone(zone))
    throw fieldError(field, `must be an IANA time zone such as "America/New_York", got "${zone.slice(0, 64)}"`)
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
}

/**
 * E.164 form of a phone number. Only possibility is checked, not validity: restaurants may
 * use fictional numbers (555-01xx) in tests and demos.
 */
export function normalizePhoneNumber(value: string, field: string, defaultCountry: CountryCode = 'US'): string {
  const parsed = parsePhoneNumberFromString(value, defaultCountry)
  if (!parsed?.isPossible()) throw fieldError(field, `is not a possible phone number: "${value.slice(0, 32)}"`)
  return parsed.number
}

// "24:00" is the end of the day, stored as 00:00, which (being before any opening) means midnight.
const toDbTime = (time: string) => (time === '24:00' ? '00:00' : time)

export type HoursRow = { dayOfWeek: number; openTime: string | null; closeTime: string | null; isClosed: boolean }

export function parseHoursRow(row: NonNullable<Bundle['operating_hours']>[number], field: string): HoursRow {
  const dayOfWeek = parseDayOfWeek(row.day_of_week, `${field}.day_of_week`)
  if (row.is_closed) return { dayOfWeek, openTime: null, closeTime: null, isClosed: true }
  if (!row.open_time) throw fieldError(`${field}.open_time`, 'is required unless is_closed is true')
  if (!row.close_time) throw fieldError(`${field}.close_time`, 'is required unless is_closed is true')
  if (row.open_time === row.close_time) throw fieldError(`${field}.close_time`, 'must differ from open_time')
  return { dayOfWeek, openTime: toDbTime(row.open_time), closeTime: toDbTime(row.close_time), isClosed: false }
}

/** Trimmed, de-duplicated, lower-cased tags such as dietary labels. */
export function normalizeTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((tag) => tag.trim().toLowerCase()).filter(Boolean))]
}

export function normalizePostalCodes(codes: string[] | undefined): string[] {
  return [...new Set((codes ?? []).map((code) => code.trim().toUpperCase()).filter(Boolean))]
}

export const formatTime = (time: string | null) => (time ? time.slice(0, 5) : null)
