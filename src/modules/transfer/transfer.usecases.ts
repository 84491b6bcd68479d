import { eq } from 'drizzle-orm'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { restaurants } from '../../infra/db/schema.ts'
import { localTime } from '../../shared/local-time.ts'
import { statusAt, statusSentence } from '../hours/hours.models.ts'
import { loadSchedule } from '../hours/hours.repository.ts'
import type { Settings } from '../restaurants/restaurant-settings.schemas.ts'

// Vapi's transfer-destination-request (a transferCall tool without destinations): the
// restaurant's transfer_number while it is open, with a line the caller hears before the ring;
// otherwise an error the assistant reads out, saying when the restaurant opens.

export type TransferAnswer = { destination: { type: 'number'; number: string; message: string } } | { error: string }

export async function answerTransferRequest({
  database,
  restaurant,
  now,
}: {
  database: DatabaseHandle
  restaurant: { id: string; name: string; timezone: string } | null
  now: Date
}): Promise<TransferAnswer> {
  if (!restaurant) return { error: "This line isn't connected to a restaurant, so I can't transfer you." }
  const local = localTime(now, restaurant.timezone)
  const { schedule } = await loadSchedule({ database, restaurantId: restaurant.id, today: local.date })
  const [row] = await database.withTenant(restaurant.id, (tx) =>
    tx.select({ settings: restaurants.settings }).from(restaurants).where(eq(restaurants.id, restaurant.id)),
  )
  const number = ((row?.settings ?? {}) as Settings).transfer_number
  if (!number) return { error: "There's no one I can transfer you to by phone; I'm happy to help or take a message." }
  if (schedule.hasData && !statusAt(schedule, local).open)
    return { error: `${statusSentence(schedule, local)} Nobody is there to take the call until then.` }
  return {
    destination: {
      type: 'number',
      number,
      message: `Connecting you with someone at ${restaurant.name}; one moment, please.`,
    },
  }
}
