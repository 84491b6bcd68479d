import { speakClock } from '../../shared/local-time.ts'
import { addDays, speakDate } from '../hours/calendar-dates.models.ts'
import { type Schedule, shiftsOnDate } from '../hours/hours.models.ts'
import type { ReservationStatus } from './reservations.tables.ts'

// Booking rules as pure functions: which slots a day has, whether a request fits, what to offer
// instead, and the one line the caller hears. Times are minutes from the date's local midnight.

export type ReservationRules = { enabled: boolean; maxPartySize: number; seatsPerSlot: number; slotMinutes: number }
export const RULE_DEFAULTS = { maxPartySize: 8, seatsPerSlot: 40, slotMinutes: 30 }
/** How far ahead the alternatives look when the requested day has no free slot. */
export const ALTERNATIVE_DAYS = 14
/** How far ahead a table can be booked (the schedule holds special dates a little beyond). */
export const BOOKING_HORIZON_DAYS = 365
const ALTERNATIVES = 3

/** `settings.reservations`: present means the restaurant takes bookings unless `enabled: false`. */
export function reservationRules(settings: Record<string, unknown> | null | undefined): ReservationRules {
  const raw = (settings?.reservations ?? undefined) as Record<string, unknown> | undefined
  const number = (value: unknown, fallback: number) => (typeof value === 'number' && value > 0 ? value : fallback)
  return {
    enabled: raw !== undefined && raw.enabled !== false,
    maxPartySize: number(raw?.max_party_size, RULE_DEFAULTS.maxPartySize),
    seatsPerSlot: number(raw?.seats_per_slot, RULE_DEFAULTS.seatsPerSlot),
    slotMinutes: number(raw?.slot_minutes, RULE_DEFAULTS.slotMinutes),
  }
}

export type BookingRequest = { partySize: number; date: string; minute: number; name: string }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/

/** The tool's arguments checked; a problem is said to the model so it can ask the caller again. */
export function parseBooking(args: Record<string, unknown>): { request: BookingRequest } | { problem: string } {
  const party = typeof args.party_size === 'string' ? Number(args.party_size.trim()) : args.party_size
  if (typeof party !== 'number' || !Number.isInteger(party) || party < 1)
    return { problem: 'party_size must be the number of people, a whole number of at least 1; ask how many people.' }
  const date = typeof args.date === 'string' ? args.date.trim() : ''
  const match = DATE.exec(date)
  const asDate = match ? new Date(`${date}T00:00:00Z`) : undefined
  if (!asDate || Number.isNaN(asDate.getTime()) || asDate.toISOString().slice(0, 10) !== date)
    return { problem: 'date must be a calendar date as YYYY-MM-DD, e.g. 2026-12-04; ask which day.' }
  const time = typeof args.time === 'string' ? TIME.exec(args.time.trim()) : null
  if (!time) return { problem: 'time must be a 24-hour clock time as HH:MM, e.g. 19:30; ask what time.' }
  const name = typeof args.name === 'string' ? args.name.replace(/\s+/g, ' ').trim() : ''
  if (!name || name.length > 100) return { problem: 'name is missing; ask the name the booking should be under.' }
  return { request: { partySize: party, date, minute: Number(time[1]) * 60 + Number(time[2]), name } }
}

/**
 * The slot starts of a date: every `slotMinutes` from each shift's opening while the whole slot
 * ends by closing; a shift that runs past midnight gives the next date its early slots.
 */
export function slotsOn(schedule: Schedule, date: string, slotMinutes: number): number[] {
  const starts = new Set<number>()
  for (const shift of shiftsOnDate(schedule, date))
    for (let start = shift.open; start + slotMinutes <= shift.close && start < 1440; start += slotMinutes)
      starts.add(start)
  for (const shift of shiftsOnDate(schedule, addDays(date, -1)))
    for (let start = shift.open; start + slotMinutes <= shift.close; start += slotMinutes)
      if (start >= 1440) starts.add(start - 1440)
  return [...starts].sort((a, b) => a - b)
}

/** Seats already taken, keyed by `slotKey`; cancelled and no-show bookings hold none. */
export type TakenSeats = Map<string, number>
export const slotKey = (date: string, minute: number) => `${date} ${minute}`
export const HOLDING_SEATS: readonly ReservationStatus[] = ['pending', 'confirmed', 'seated']

export type Today = { date: string; minuteOfDay: number }
export type Refusal =
  | { reason: 'disabled' }
  | { reason: 'party_too_large'; max: number }
  | { reason: 'past' }
  | { reason: 'too_far'; lastDate: string }
  | { reason: 'closed_day'; specialName: string | null }
  | { reason: 'not_open'; opensAt: string }
  | { reason: 'past_closing'; lastStart: number }
  | { reason: 'off_grid'; every: number }
  | { reason: 'full'; seatsLeft: number }
export type Decision = { ok: true } | { ok: false; refusal: Refusal; alternatives: Alternatives }
export type Alternatives = { date: string; minutes: number[] } | undefined

type Context = { schedule: Schedule; rules: ReservationRules; today: Today; taken: TakenSeats }

const isPast = (today: Today, date: string, minute: number) =>
  date < today.date || (date === today.date && minute <= today.minuteOfDay)
const seatsLeft = ({ rules, taken }: Context, date: string, minute: number) =>
  rules.seatsPerSlot - (taken.get(slotKey(date, minute)) ?? 0)

/** Whether a request can be booked now; when not, why, and the nearest free slots for the same party. */
export function decideBooking(request: BookingRequest, context: Context): Decision {
  const { rules, schedule, today } = context
  const refuse = (refusal: Refusal, alternatives: Alternatives = nearestFree(request, context)): Decision => ({
    ok: false,
    refusal,
    alternatives,
  })
  if (!rules.enabled) return refuse({ reason: 'disabled' }, undefined)
  if (request.partySize > rules.maxPartySize)
    return refuse({ reason: 'party_too_large', max: rules.maxPartySize }, undefined)
  if (isPast(today, request.date, request.minute)) return refuse({ reason: 'past' })
  const lastDate = addDays(today.date, BOOKING_HORIZON_DAYS)
  if (request.date > lastDate) return refuse({ reason: 'too_far', lastDate }, undefined)
  const slots = slotsOn(schedule, request.date, rules.slotMinutes)
  if (!slots.includes(request.minute)) return refuse(whyNoSlot(request, context, slots))
  const left = seatsLeft(context, request.date, request.minute)
  if (left < request.partySize) return refuse({ reason: 'full', seatsLeft: Math.max(0, left) })
  return { ok: true }
}

function whyNoSlot(request: BookingRequest, { schedule, rules }: Context, slots: number[]): Refusal {
  const shifts = shiftsOnDate(schedule, request.date)
  if (slots.length === 0)
    return { reason: 'closed_day', specialName: schedule.specials.get(request.date)?.name ?? null }
  const within = shifts.find((shift) => request.minute >= shift.open && request.minute < shift.close)
  if (within) {
    const lastStart = slots.filter((start) => start >= within.open && start < within.close).at(-1)
    if (lastStart !== undefined && request.minute > lastStart) return { reason: 'past_closing', lastStart }
    return { reason: 'off_grid', every: rules.slotMinutes }
  }
  const ranges = shifts.map((shift) => `${speakClock(shift.open)} to ${speakClock(shift.close)}`)
  return { reason: 'not_open', opensAt: ranges.join(' and ') || `from ${speakClock(slots[0]!)}` }
}

/** Free slots for the party: the same day's closest to the asked time first, else the next day that has some. */
export function nearestFree(request: BookingRequest, context: Context): Alternatives {
  for (let offset = 0; offset <= ALTERNATIVE_DAYS; offset++) {
    const date = addDays(request.date, offset)
    const free = slotsOn(context.schedule, date, context.rules.slotMinutes).filter(
      (minute) =>
        !(offset === 0 && minute === request.minute) &&
        !isPast(context.today, date, minute) &&
        seatsLeft(context, date, minute) >= request.partySize,
    )
    if (free.length === 0) continue
    const closest = free
      .sort((a, b) => Math.abs(a - request.minute) - Math.abs(b - request.minute) || a - b)
      .slice(0, ALTERNATIVES)
    return { date, minutes: closest.sort((a, b) => a - b) }
  }
  return undefined
}

/** "today", "tomorrow" or "Friday, December 4". */
export function speakDay(date: string, today: string): string {
  if (date === today) return 'today'
  if (date === addDays(today, 1)) return 'tomorrow'
  return `on ${speakDate(date)}`
}

const orList = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`
const people = (n: number) => (n === 1 ? '1 person' : `${n} people`)

function offer(alternatives: Alternatives, today: string, partySize: number): string {
  if (!alternatives)
    return `I couldn't find a free table for ${people(partySize)} in the next ${ALTERNATIVE_DAYS} days.`
  const times = orList(alternatives.minutes.map(speakClock))
  return `The nearest free times are ${times} ${speakDay(alternatives.date, today)}.`
}

/** The line the caller hears when the booking cannot be made. */
export function refusalSentence(request: BookingRequest, decision: Decision & { ok: false }, today: string): string {
  const at = `${speakClock(request.minute)} ${speakDay(request.date, today)}`
  const { refusal } = decision
  const why = (() => {
    switch (refusal.reason) {
      case 'disabled':
        return "Sorry, we don't take table reservations by phone."
      case 'party_too_large':
        return (
          `Sorry, we can book tables for at most ${people(refusal.max)} by phone, but I can pass a ` +
          `request for ${people(request.partySize)} to the staff, who will call you back. ` +
          '(If the caller wants that, call request_event with kind large_party.)'
        )
      case 'past':
        return `Sorry, ${at} has already passed.`
      case 'too_far':
        return `Sorry, we take bookings only up to ${speakDate(refusal.lastDate)}.`
      case 'closed_day': {
        const named = refusal.specialName ? ` (${refusal.specialName})` : ''
        return `Sorry, we're closed ${speakDay(request.date, today)}${named}.`
      }
      case 'not_open':
        return `Sorry, we're not open at ${at}; that day we're open ${refusal.opensAt}.`
      case 'past_closing':
        return (
          `Sorry, a table at ${at} would run past closing; ` +
          `the last table that day is at ${speakClock(refusal.lastStart)}.`
        )
      case 'off_grid':
        return `Sorry, we book tables every ${refusal.every} minutes, so not at ${speakClock(request.minute)}.`
      case 'full':
        return `Sorry, we're fully booked at ${at} for ${people(request.partySize)}.`
    }
  })()
  const tail = refusal.reason === 'disabled' || refusal.reason === 'party_too_large' || refusal.reason === 'too_far'
  return tail ? why : `${why} ${offer(decision.alternatives, today, request.partySize)}`
}

export function bookedSentence(request: BookingRequest, today: string, replaced: boolean): string {
  const when = `${speakDay(request.date, today)} at ${speakClock(request.minute)}`
  const what = `a table for ${people(request.partySize)} ${when} under the name ${request.name}`
  return replaced
    ? `I've changed your booking to ${what}; the restaurant will confirm it.`
    : `You're booked: ${what}; the restaurant will confirm it.`
}

/** The moves staff may make; the same status again is no move at all. */
const MOVES: Record<ReservationStatus, readonly ReservationStatus[]> = {
  pending: ['confirmed', 'cancelled', 'seated', 'no_show'],
  confirmed: ['cancelled', 'seated', 'no_show'],
  seated: [],
  cancelled: [],
  no_show: [],
}
export const canMove = (from: ReservationStatus, to: ReservationStatus) => MOVES[from].includes(to)

export const minuteToClock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
export const clockToMinute = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
