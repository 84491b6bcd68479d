import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { restaurants } from '../../infra/db/schema.ts'

// Mirrors migrations/0012_messages.sql, which is the source of truth for the database itself.

export const MESSAGE_KINDS = ['message', 'large_party', 'catering', 'private_event'] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]
export const EVENT_KINDS = ['large_party', 'catering', 'private_event'] as const
export type EventKind = (typeof EVENT_KINDS)[number]
export const MESSAGE_STATUSES = ['open', 'done'] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

export const messages = pgTable('messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  restaurantId: uuid('restaurant_id')
    .notNull()
    .references(() => restaurants.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<MessageKind>().notNull(),
  name: text('name').notNull(),
  callbackNumber: text('callback_number'),
  reason: text('reason'),
  eventDate: text('event_date'),
  partySize: integer('party_size'),
  email: text('email'),
  notes: text('notes'),
  status: text('status').$type<MessageStatus>().notNull().default('open'),
  vapiCallId: text('vapi_call_id'),
  /** The caller's latest recent order when the message was left (migration 0013): what a complaint is about. */
  orderId: uuid('order_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
export type MessageRow = typeof messages.$inferSelect
export type NewMessage = typeof messages.$inferInsert
