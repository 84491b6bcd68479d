import { sql } from 'drizzle-orm'
import { type Database, rowsOf } from '../../infra/db/database.ts'
import type { RestaurantNotice } from './notify.types.ts'

export type DueNotification = {
  id: string
  restaurantId: string
  channel: 'sms' | 'email'
  recipient: string
  subject: string
  body: string
  attempts: number
  ageMs: number
}

type DueRow = {
  id: string
  restaurant_id: string
  channel: 'sms' | 'email'
  recipient: string
  subject: string
  body: string
  attempts: number
  age_ms: number | string
}

/** The restaurant_notifications table's SQL; functions take the handle to run on (a transaction or the pool). */
export const notificationsRepository = {
  /** One row per recipient in the restaurant's settings.notify, read in the same statement. */
  async insertForRecipients(
    db: Database,
    { restaurantId, notice }: { restaurantId: string; notice: RestaurantNotice },
  ) {
    const result = await db.execute(sql`
      INSERT INTO restaurant_notifications (restaurant_id, channel, recipient, subject, body)
      SELECT r.id, recipients.channel, recipients.recipient, ${notice.subject}, ${notice.text}
      FROM restaurants r
      CROSS JOIN LATERAL (
        SELECT 'sms' AS channel, value AS recipient
          FROM jsonb_array_elements_text(coalesce(r.settings->'notify'->'sms', '[]'::jsonb))
        UNION ALL
        SELECT 'email', value FROM jsonb_array_elements_text(coalesce(r.settings->'notify'->'email', '[]'::jsonb))
      ) recipients
      WHERE r.id = ${restaurantId}
      RETURNING id`)
    return { queued: rowsOf(result).length }
  },

  /** Claims due rows for `leaseMs` (committed at once: no transaction stays open while sending). */
  async claimDue(db: Database, { limit, leaseMs }: { limit: number; leaseMs: number }): Promise<DueNotification[]> {
    const result = await db.execute(sql`
      UPDATE restaurant_notifications SET attempts = attempts + 1,
        next_attempt_at = now() + ${leaseMs}::double precision * interval '1 millisecond'
      WHERE id IN (SELECT id FROM restaurant_notifications WHERE next_attempt_at <= now()
                   ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id::text AS id, restaurant_id, channel, recipient, subject, body, attempts,
        extract(epoch FROM now() - created_at) * 1000 AS age_ms`)
    return rowsOf<DueRow>(result).map((row) => ({
      id: row.id,
      restaurantId: row.restaurant_id,
      channel: row.channel,
      recipient: row.recipient,
      subject: row.subject,
      body: row.body,
      attempts: Number(row.attempts),
      ageMs: Number(row.age_ms),
    }))
  },

  /** The restaurant's first phone number: the number its SMS are sent from. */
  async senderNumber(db: Database, { restaurantId }: { restaurantId: string }): Promise<string | undefined> {
    const result = await db.execute(sql`
      SELECT phone_number FROM restaurant_phone_mappings WHERE restaurant_id = ${restaurantId}
      ORDER BY created_at LIMIT 1`)
    return rowsOf<{ phone_number: string }>(result)[0]?.phone_number
  },
}
