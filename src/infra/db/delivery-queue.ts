import { sql } from 'drizzle-orm'
import type { Database } from './database.ts'

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
