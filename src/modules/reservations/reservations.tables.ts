import { date, integer, pgTable, text, time, timestamp, uuid } from 'drizzle-orm/pg-core'
import { restaurants } from '../../infra/db/schema.ts'

// Mirrors migrations/0008_reservations.sql, which is the source of truth for the database itself.

export const RESERVATION_STATUSES = ['pending', 'confirmed', 'cancelled', 'seated', 'no_show'] as const
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number]

export const reservations = pgTable('reservations', {
  id: uuid('id').primaryKey().defaultRandom(),
  restaurantId: uuid('restaurant_id')
    .notNull()
    .references(() => restaurants.id, { onDelete: 'cascade' }),
  partySize: integer('party_size').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  time: time('time').notNull(),
  name: text('name').notNull(),
  callerPhone: text('caller_phone'),
  vapiCallId: text('vapi_call_id'),
  status: text('status').$type<ReservationStatus>().notNull().default('pending'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
export type ReservationRow = typeof reservations.$inferSelect
