import { sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../../infra/db/database.ts'
import { type ActivityEvent, type ActivityType, isWebhookType, type RecordInput } from './activity.types.ts'

const idArray = (ids: string[]) => `{${ids.join(',')}}`

type EventRow = { id: string; type: ActivityType; restaurant_id: string; created_at: Date | string; data: unknown }
export type DueDelivery = { event: ActivityEvent; idempotencyKey: string; attempts: number; createdAt: Date }

const EVENT_COLUMNS = sql.raw('id::text AS id, type, restaurant_id, created_at, data')

export function toEvent(row: EventRow): ActivityEvent {
  return {
    id: row.id,
    type: row.type,
    restaurant_id: row.restaurant_id,
    created_at: new Date(row.created_at).toISOString(),
    data: (row.data ?? {}) as Record<string, unknown>,
  }
}

/** The outbox's SQL. Functions take the handle to run on: the caller's transaction or the pool. */
export const activityRepository = {
  async insert(db: Database, { restaurantId, type, data, idempotencyKey }: RecordInput) {
    const due = isWebhookType(type) ? sql`now()` : sql`NULL`
    const key = idempotencyKey ?? null
    const result = await db.execute(sql`
      INSERT INTO activity_outbox (restaurant_id, type, data, idempotency_key, next_attempt_at)
      VALUES (${restaurantId}, ${type}, ${JSON.stringify(data)}::jsonb,
              coalesce(${key}::text, gen_random_uuid()::text), ${due})
      ON CONFLICT (restaurant_id, idempotency_key) DO NOTHING
      RETURNING id`)
    return { recorded: rowsOf(result).length > 0 }
  },

  /** Locks unpublished rows for this transaction; another instance skips them (SKIP LOCKED). */
  /**
   * The oldest unpublished events, for one publisher at a time across instances (a transaction
   * lock): two publishing side by side would put later events on the bus before earlier ones,
   * and a stream sends in id order.
   */
  async lockUnpublished(tx: Database, { limit }: { limit: number }) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('activity_outbox:publisher', 0))`)
    const result = await tx.execute(sql`
      SELECT ${EVENT_COLUMNS} FROM activity_outbox
      WHERE published_at IS NULL ORDER BY activity_outbox.id LIMIT ${limit} FOR UPDATE SKIP LOCKED`)
    return rowsOf<EventRow>(result).map(toEvent)
  },

  async markPublished(tx: Database, { ids }: { ids: string[] }) {
    await tx.execute(sql`UPDATE activity_outbox SET published_at = now() WHERE id = any(${idArray(ids)}::bigint[])`)
  },

  /**
   * Claims due webhook deliveries for `leaseMs`: the claim commits at once, so no transaction
   * stays open during the HTTP call, and a crashed instance's claim simply expires. Only the
   * oldest pending row of each restaurant is due, so a receiver gets a restaurant's events in order.
   */
  async claimDue(db: Database, { limit, leaseMs }: { limit: number; leaseMs: number }): Promise<DueDelivery[]> {
    const result = await db.execute(sql`
      UPDATE activity_outbox SET attempts = attempts + 1,
        next_attempt_at = now() + ${leaseMs}::double precision * interval '1 millisecond'
      WHERE id IN (
        SELECT o.id FROM activity_outbox o
        WHERE o.next_attempt_at <= now()
          AND NOT EXISTS (SELECT 1 FROM activity_outbox p WHERE p.restaurant_id = o.restaurant_id
                            AND p.next_attempt_at IS NOT NULL AND p.id < o.id)
        ORDER BY o.id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING ${EVENT_COLUMNS}, idempotency_key, attempts`)
    return rowsOf<EventRow & { idempotency_key: string; attempts: number }>(result).map((row) => ({
      event: toEvent(row),
      idempotencyKey: row.idempotency_key,
      attempts: Number(row.attempts),
      createdAt: new Date(row.created_at),
    }))
  },

  async orderWebhook(db: Database, { restaurantId }: { restaurantId: string }) {
    const result = await db.execute(
      sql`SELECT settings->'order_webhook' AS webhook FROM restaurants WHERE id = ${restaurantId}`,
    )
    const webhook = rowsOf<{ webhook: unknown }>(result)[0]?.webhook as { url?: unknown; secret?: unknown } | null
    if (!webhook || typeof webhook.url !== 'string') return undefined
    return { url: webhook.url, secret: typeof webhook.secret === 'string' ? webhook.secret : undefined }
  },

  async recent(db: Database, { restaurantId, after, limit }: { restaurantId: string; after?: string; limit: number }) {
    // Without a cursor: the newest `limit`, returned oldest first like every later page.
    const result =
      after === undefined
        ? await db.execute(sql`
            SELECT * FROM (SELECT ${EVENT_COLUMNS}, id AS n FROM activity_outbox
              WHERE restaurant_id = ${restaurantId} ORDER BY activity_outbox.id DESC LIMIT ${limit}) newest ORDER BY n`)
        : await db.execute(sql`
            SELECT ${EVENT_COLUMNS} FROM activity_outbox
            WHERE restaurant_id = ${restaurantId} AND id > ${after}::bigint ORDER BY activity_outbox.id LIMIT ${limit}`)
    return rowsOf<EventRow>(result).map(toEvent)
  },

  /** Forgets events published and settled before the cutoff; undelivered ones are kept. */
  async purge(db: Database, { before }: { before: Date }) {
    const result = await db.execute(sql`
      DELETE FROM activity_outbox WHERE id IN (
        SELECT id FROM activity_outbox WHERE created_at < ${before.toISOString()}::timestamptz
          AND published_at IS NOT NULL AND next_attempt_at IS NULL LIMIT 1000)
      RETURNING id`)
    return { deleted: rowsOf(result).length }
  },
}
