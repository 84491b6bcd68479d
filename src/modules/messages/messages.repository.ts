import { and, desc, eq } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { callHistory } from '../../infra/db/schema.ts'
import { type MessageKind, type MessageRow, type MessageStatus, messages, type NewMessage } from './messages.tables.ts'

/** A message with the dashboard's id of its call (call_history), when the call is recorded. */
export type MessageWithCall = MessageRow & { callId: string | null }

/** Messages of one restaurant: every query names it (row-level security backs that up). */
export function createMessagesRepository({ db, restaurantId }: { db: Database; restaurantId: string }) {
  const own = eq(messages.restaurantId, restaurantId)
  return {
    async insert(values: Omit<NewMessage, 'restaurantId'>) {
      const [message] = await db
        .insert(messages)
        .values({ ...values, restaurantId })
        .returning()
      return { message: message! }
    },

    /** This call's open message of this kind: saying it again in the same call corrects it. */
    async openOfCall({ vapiCallId, kind }: { vapiCallId: string; kind: MessageKind }) {
      const [message] = await db
        .select()
        .from(messages)
        .where(and(own, eq(messages.vapiCallId, vapiCallId), eq(messages.kind, kind), eq(messages.status, 'open')))
        .orderBy(desc(messages.createdAt))
        .limit(1)
      return { message }
    },

    async update({ id, values }: { id: string; values: Partial<NewMessage> }) {
      const [message] = await db
        .update(messages)
        .set(values)
        .where(and(own, eq(messages.id, id)))
        .returning()
      return { message: message! }
    },

    /** Newest first, at most 500, each with its recorded call. */
    async list({ status }: { status?: MessageStatus }): Promise<{ messages: MessageWithCall[] }> {
      const rows = await db
        .select({ message: messages, callId: callHistory.id })
        .from(messages)
        .leftJoin(
          callHistory,
          and(eq(callHistory.vapiCallId, messages.vapiCallId), eq(callHistory.restaurantId, messages.restaurantId)),
        )
        .where(status ? and(own, eq(messages.status, status)) : own)
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(500)
      return { messages: rows.map(({ message, callId }) => ({ ...message, callId })) }
    },

    async get({ id }: { id: string }): Promise<{ message: MessageWithCall | undefined }> {
      const [row] = await db
        .select({ message: messages, callId: callHistory.id })
        .from(messages)
        .leftJoin(
          callHistory,
          and(eq(callHistory.vapiCallId, messages.vapiCallId), eq(callHistory.restaurantId, messages.restaurantId)),
        )
        .where(and(own, eq(messages.id, id)))
      return { message: row && { ...row.message, callId: row.callId } }
    },

    async setStatus({ id, status, now }: { id: string; status: MessageStatus; now: Date }) {
      const [row] = await db
        .update(messages)
        .set({ status, updatedAt: now })
        .where(and(own, eq(messages.id, id)))
        .returning({ id: messages.id })
      return { updated: Boolean(row) }
    },
  }
}
