import { eq } from 'drizzle-orm'
import type { DatabaseHandle } from '../../infra/db/database.ts'
import { restaurants } from '../../infra/db/schema.ts'
import { localTime } from '../../shared/local-time.ts'
import { statusAt, statusSentence } from '../hours/hours.models.ts'
import { loadSchedule } from '../hours/hours.repository.ts'
import type { Settings } from '../restaurants/restaurant-settings.schemas.ts'

// Vapi's transfer-destination-request (a transferCall tool without destinations): the
// restaurant's transfer_number while it is open, as a warm transfer (the staff hear a summary of
// the call before the caller is connected; when nobody answers, the line is busy or the transfer
// fails, the assistant stays on the line and offers a message); otherwise an error the assistant
// reads out, saying when the restaurant opens and offering a message.
// @see https://docs.vapi.ai/call-forwarding (transferPlan, summaryPlan, fallbackPlan)

/** Said to the caller when the transfer does not go through; the assistant stays on the call. */
export const TRANSFER_FALLBACK_MESSAGE =
  "Sorry, nobody could pick up just now. I can take a message and someone will call you back; what's your name?"
export const TAKE_A_MESSAGE = 'I can take a message for them instead.'

/** What the staff hear before the caller joins: who is calling and what they need, in two sentences. */
const SUMMARY_PLAN = {
  enabled: true,
  messages: [
    {
      role: 'system',
      content:
        'You brief restaurant staff picking up a transferred phone call. In at most two short spoken ' +
        'sentences say who is calling and what they need (order number, party size, complaint). No greeting.',
    },
    { role: 'user', content: 'Here is the transcript:\n\n{{transcript}}\n\n' },
  ],
}

export const WARM_TRANSFER_PLAN = {
  // The one mode that dials first, briefs the staff and, when the staff line fails, falls back.
  mode: 'warm-transfer-experimental' as const,
  message: 'A caller is being transferred to you from the phone assistant.',
  summaryPlan: SUMMARY_PLAN,
  fallbackPlan: { message: TRANSFER_FALLBACK_MESSAGE, endCallEnabled: false },
}

export type TransferDestination = {
  type: 'number'
  number: string
  message: string
  transferPlan: typeof WARM_TRANSFER_PLAN
}
export type TransferAnswer = { destination: TransferDestination } | { error: string }

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
  if (!number) return { error: `There's no one I can transfer you to by phone. ${TAKE_A_MESSAGE}` }
  if (schedule.hasData && !statusAt(schedule, local).open)
    return {
      error: `${statusSentence(schedule, local)} Nobody is there to take the call until then. ${TAKE_A_MESSAGE}`,
    }
  return {
    destination: {
      type: 'number',
      number,
      message: `Connecting you with someone at ${restaurant.name}; one moment, please.`,
      transferPlan: WARM_TRANSFER_PLAN,
    },
  }
}
