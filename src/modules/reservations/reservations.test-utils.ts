import assert from 'node:assert/strict'
import type { AppInstance } from '../../shared/http.ts'
import { localTime } from '../../shared/local-time.ts'
import { addDays } from '../hours/calendar-dates.models.ts'
import { toolCallsMessage } from '../vapi/vapi-test-utils.ts'

const VAPI_HEADERS = { 'x-vapi-secret': 'test-vapi-secret-0123456789' }

/** Settings that let a restaurant take bookings (the bundle's `settings`). */
export const TAKES_BOOKINGS = { reservations: { max_party_size: 6, seats_per_slot: 20, slot_minutes: 30 } }

/** The first date at least `afterDays` ahead (in the zone) that falls on `weekday` (0 = Sunday). */
export function nextWeekday(now: Date, timeZone: string, weekday: number, afterDays = 7): string {
  const today = localTime(now, timeZone).date
  let date = addDays(today, afterDays)
  while (new Date(`${date}T00:00:00Z`).getUTCDay() !== weekday) date = addDays(date, 1)
  return date
}

/** Calls book_table through the webhook as Vapi would; returns the spoken line (or the error) and metadata. */
export async function bookThroughWebhook(
  app: AppInstance,
  {
    number,
    callId,
    args,
    caller = '+15551230000',
    headers = VAPI_HEADERS,
  }: { number: string; callId: string; args: Record<string, unknown>; caller?: string; headers?: object },
) {
  const payload = toolCallsMessage({
    number,
    callId,
    calls: [{ id: `book-${callId}`, type: 'function', function: { name: 'book_table', arguments: args } }],
  })
  payload.message.customer = { number: caller }
  ;(payload.message.call as Record<string, unknown>).customer = { number: caller }
  const response = await app.inject({ method: 'POST', url: '/api/vapi/server', headers: { ...headers }, payload })
  assert.equal(response.statusCode, 200, response.body)
  const [entry] = response.json().results
  return {
    line: (entry.result ?? `ERROR ${entry.error}`) as string,
    metadata: (entry.metadata ?? {}) as { booked?: boolean; reservation_id?: string },
  }
}
