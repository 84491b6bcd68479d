import { and, asc, eq, gte, inArray, lte, ne } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { restaurants } from '../../infra/db/schema.ts'
import { clockToMinute, HOLDING_SEATS, slotKey, type TakenSeats } from './reservations.models.ts'
import { type ReservationRow, type ReservationStatus, reservations } from './reservations.tables.ts'

/** Reservation queries over one handle (inside withTenant, so RLS applies too). */
export function createReservationsRepository({ db }: { db: Database }) {
  return {
    /** Locks the restaurant's row for the transaction: bookings of one restaurant are decided one at a time. */
    async lockRestaurant({ restaurantId }: { restaurantId: string }) {
      const [row] = await db
        .select({ settings: restaurants.settings })
        .from(restaurants)
        .where(eq(restaurants.id, restaurantId))
        .for('update')
      return { settings: row?.settings ?? null }
    },

    async pendingOfCall({ restaurantId, vapiCallId }: { restaurantId: string; vapiCallId: string }) {
      const [reservation] = await db
        .select()
        .from(reservations)
        .where(
          and(
            eq(reservations.restaurantId, restaurantId),
            eq(reservations.vapiCallId, vapiCallId),
            eq(reservations.status, 'pending'),
          ),
        )
        .limit(1)
      return { reservation }
    },

    /** Seats held per slot from `from` to `to`, leaving out one booking (the one being replaced). */
    async takenSeats({
      restaurantId,
      from,
      to,
      except,
    }: {
      restaurantId: string
      from: string
      to: string
      except?: string
    }): Promise<{ taken: TakenSeats }> {
      const rows = await db
        .select({
          id: reservations.id,
          date: reservations.date,
          time: reservations.time,
          party: reservations.partySize,
        })
        .from(reservations)
        .where(
          and(
            eq(reservations.restaurantId, restaurantId),
            gte(reservations.date, from),
            lte(reservations.date, to),
            inArray(reservations.status, [...HOLDING_SEATS]),
            ...(except ? [ne(reservations.id, except)] : []),
          ),
        )
      const taken: TakenSeats = new Map()
      for (const row of rows) {
        const key = slotKey(row.date, clockToMinute(row.time))
        taken.set(key, (taken.get(key) ?? 0) + row.party)
      }
      return { taken }
    },

    async insert(values: typeof reservations.$inferInsert) {
      const [reservation] = await db.insert(reservations).values(values).returning()
      return { reservation: reservation! }
    },

    async update({ id, values }: { id: string; values: Partial<typeof reservations.$inferInsert> }) {
      const [reservation] = await db.update(reservations).set(values).where(eq(reservations.id, id)).returning()
      return { reservation: reservation! }
    },

    async listOn({ restaurantId, date }: { restaurantId: string; date: string }) {
      const rows = await db
        .select()
        .from(reservations)
        .where(and(eq(reservations.restaurantId, restaurantId), eq(reservations.date, date)))
        .orderBy(asc(reservations.time), asc(reservations.createdAt))
      return { reservations: rows }
    },

    async get({ restaurantId, id }: { restaurantId: string; id: string }) {
      const [reservation] = await db
        .select()
        .from(reservations)
        .where(and(eq(reservations.restaurantId, restaurantId), eq(reservations.id, id)))
        .for('update')
      return { reservation: reservation as ReservationRow | undefined }
    },

    async setStatus({ id, status, now }: { id: string; status: ReservationStatus; now: Date }) {
      const [reservation] = await db
        .update(reservations)
        .set({ status, updatedAt: now })
        .where(eq(reservations.id, id))
        .returning()
      return { reservation: reservation! }
    },
  }
}
