import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { Clock } from '../../shared/events.ts'
import type { ActivityRecorder } from '../activity/activity.types.ts'
import type { ActionToolHandler } from '../vapi/tools.types.ts'
import { parseBooking } from './reservations.models.ts'
import { bookTable } from './reservations.usecases.ts'

/**
 * book_table: every rule (enabled, party size, hours, seats per slot, not in the past) is checked
 * here, in code; the model only relays the caller's wishes and reads back the one line it gets.
 * "Now" is the app's clock, not the message's timestamp: whether a time has passed is ours to say.
 */
export function createReservationToolHandlers({
  database,
  clock,
  activity,
}: {
  database: DatabaseHandle
  clock: Clock
  activity?: ActivityRecorder
}) {
  const book_table: ActionToolHandler = async ({ arguments: args, context }) => {
    const parsed = parseBooking(args)
    if ('problem' in parsed) return { result: parsed.problem, metadata: { booked: false, reason: 'invalid_arguments' } }
    const outcome = await bookTable({
      database,
      request: parsed.request,
      activity,
      call: {
        restaurant: context.restaurant,
        vapiCallId: context.vapiCallId,
        callerPhone: context.callerNumber ?? null,
        now: clock.now(),
      },
    })
    return {
      result: outcome.sentence,
      metadata: { booked: outcome.booked, ...(outcome.reservation ? { reservation_id: outcome.reservation.id } : {}) },
    }
  }
  return { book_table }
}
