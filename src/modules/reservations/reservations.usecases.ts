import type { DatabaseHandle } from '../../infra/db/database.ts'
import { conflict, notFound } from '../../shared/errors.ts'
import { localTime } from '../../shared/local-time.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'
import { addDays } from '../hours/calendar-dates.models.ts'
import { loadSchedule } from '../hours/hours.repository.ts'
import {
  ALTERNATIVE_DAYS,
  type BookingRequest,
  bookedSentence,
  canMove,
  decideBooking,
  minuteToClock,
  refusalSentence,
  reservationRules,
} from './reservations.models.ts'
import { createReservationsRepository } from './reservations.repository.ts'
import type { ReservationRow, ReservationStatus } from './reservations.tables.ts'

export const formatReservationForApi = (row: ReservationRow) => ({
  id: row.id,
  party_size: row.partySize,
  date: row.date,
  time: row.time.slice(0, 5),
  name: row.name,
  caller_phone: row.callerPhone,
  vapi_call_id: row.vapiCallId,
  status: row.status,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
})

type BookingCall = {
  restaurant: { id: string; timezone: string }
  vapiCallId: string | null
  callerPhone: string | null
  now: Date
}

/**
 * Books a table for a call: decided and written in one transaction that holds the restaurant's
 * row, so two callers never both take the last seats. Within one call, booking again replaces
 * that call's booking while it is still pending.
 */
export async function bookTable({
  database,
  request,
  call,
  activity,
}: {
  database: DatabaseHandle
  request: BookingRequest
  call: BookingCall
  activity?: ActivityRecorder
}): Promise<{ booked: boolean; sentence: string; reservation?: ReservationRow }> {
  const today = localTime(call.now, call.restaurant.timezone)
  const { schedule } = await loadSchedule({ database, restaurantId: call.restaurant.id, today: today.date })
  const restaurantId = call.restaurant.id
  const outcome = await database.withTenant(restaurantId, async (tx) => {
    const repository = createReservationsRepository({ db: tx })
    const { settings } = await repository.lockRestaurant({ restaurantId })
    const own = call.vapiCallId
      ? (await repository.pendingOfCall({ restaurantId, vapiCallId: call.vapiCallId })).reservation
      : undefined
    const { taken } = await repository.takenSeats({
      restaurantId,
      from: request.date,
      to: addDays(request.date, ALTERNATIVE_DAYS),
      except: own?.id,
    })
    const decision = decideBooking(request, { schedule, rules: reservationRules(settings), today, taken })
    if (!decision.ok) return { booked: false, sentence: refusalSentence(request, decision, today.date) }
    const values = {
      partySize: request.partySize,
      date: request.date,
      time: minuteToClock(request.minute),
      name: request.name,
    }
    if (own) {
      const { reservation } = await repository.update({ id: own.id, values: { ...values, updatedAt: call.now } })
      const data = formatReservationForApi(reservation)
      await activity?.record(tx, { restaurantId, type: 'reservation.updated', data })
      return { booked: true, sentence: bookedSentence(request, today.date, true), reservation }
    }
    const { reservation } = await repository.insert({
      ...values,
      restaurantId,
      callerPhone: call.callerPhone,
      vapiCallId: call.vapiCallId,
      createdAt: call.now,
      updatedAt: call.now,
    })
    await activity?.record(tx, {
      restaurantId,
      type: 'reservation.created',
      data: formatReservationForApi(reservation),
    })
    return { booked: true, sentence: bookedSentence(request, today.date, false), reservation }
  })
  if (outcome.booked) activity?.kick()
  return outcome
}

export async function listReservations({
  database,
  restaurantId,
  date,
}: {
  database: DatabaseHandle
  restaurantId: string
  date: string
}) {
  return database.withTenant(restaurantId, (tx) =>
    createReservationsRepository({ db: tx }).listOn({ restaurantId, date }),
  )
}

/** Moves a reservation along; a move the table does not allow (from cancelled, back to pending) is a 409. */
export async function changeReservationStatus({
  database,
  restaurantId,
  reservationId,
  status,
  now,
  activity,
}: {
  database: DatabaseHandle
  restaurantId: string
  reservationId: string
  status: ReservationStatus
  now: Date
  activity?: ActivityRecorder
}) {
  const changed = await database.withTenant(restaurantId, async (tx) => {
    const repository = createReservationsRepository({ db: tx })
    const { reservation } = await repository.get({ restaurantId, id: reservationId })
    if (!reservation) throw notFound('Reservation')
    if (reservation.status === status) return { reservation }
    if (!canMove(reservation.status, status))
      throw conflict(
        `A ${reservation.status.replace('_', '-')} reservation cannot become ${status.replace('_', '-')}`,
        {
          from: reservation.status,
          to: status,
        },
      )
    const updated = await repository.setStatus({ id: reservationId, status, now })
    if (updated.reservation) {
      const data = formatReservationForApi(updated.reservation)
      await activity?.record(tx, { restaurantId, type: 'reservation.updated', data })
    }
    return updated
  })
  activity?.kick()
  return changed
}
