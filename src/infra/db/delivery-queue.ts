import { sql } from 'drizzle-orm'
import type { Database } from './database.ts'

export type RetryPolicy = { baseMs: number; maxMs: number; giveUpAfterMs: number }

/** base, 2×base, 4×base … after the 1st, 2nd, 3rd failed attempt, capped at `maxMs`. */
export const backoffMs = (attempts: number, { baseMs, maxMs }: Pick<RetryPolicy, 'baseMs' | 'maxMs'>) =>
  Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs)

/** The backoff, or null once the delivery (`ageMs` old) is too old to be worth another attempt. */
export function nextRetryInMs({ attempts, ageMs, policy }: { attempts: number; ageMs: number; policy: RetryPolicy }) {
  return ageMs >= policy.giveUpAfterMs ? null : backoffMs(attempts, policy)
}

/** How one claimed delivery attempt ended: delivered, given up (`retryInMs: null`) or due again later. */
export type DeliveryOutcome = { delivered: true } | { delivered: false; error: string; retryInMs: number | null }

/**
 * Records one claimed attempt's outcome in a durable delivery queue (a table with `delivered_at`,
 * `next_attempt_at`, `last_error` and `attempts`); a claim that expired and was taken again since
 * (its `attempts` moved on) is left alone.
 */
export async function settleDelivery(
  db: Database,
  table: 'activity_outbox' | 'restaurant_notifications',
  { id, attempts, outcome }: { id: string; attempts: number; outcome: DeliveryOutcome },
) {
  const set = outcome.delivered
    ? sql`delivered_at = now(), next_attempt_at = NULL, last_error = NULL`
    : outcome.retryInMs === null
      ? sql`next_attempt_at = NULL, last_error = ${outcome.error}`
      : sql`next_attempt_at = now() + ${outcome.retryInMs}::double precision * interval '1 millisecond',
            last_error = ${outcome.error}`
  await db.execute(
    sql`UPDATE ${sql.identifier(table)} SET ${set} WHERE id = ${id}::bigint AND attempts = ${attempts}::int`,
  )
}
