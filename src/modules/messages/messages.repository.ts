import { and, desc, eq } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { callHistory, type OrderStatus, orders } from '../../infra/db/schema.ts'
import { type MessageKind, type MessageRow, type MessageStatus, messages, type NewMessage } from './messages.tables.ts'

/**
 * A message with the dashboard's id of its call (call_history), when the call is recorded, and the
 * number and status of the order it is about, when it is linked to one.
 */
export type MessageWithCall = MessageRow & {
  callId: string | null
  order: { number: number; status: OrderStatus } | null
}

/** Messages of one restaurant: every query names it (row-level security backs that up). */
export function createMessagesRepository({ db, restaurantId }: { db: Database; restaurantId: string }) {
  const own = eq(messages.restaurantId, restaurantId)
  /** Both joins stay inside the message's restaurant. */
  const withCallAndOrder = () =>
    db
      .select({ message: messages, callId: callHistory.id, orderNumber: orders.number, orderStatus: orders.status })
      .from(messages)
      .leftJoin(
        callHistory,
        and(eq(callHistory.vapiCallId, messages.vapiCallId), eq(callHistory.restaurantId, messages.restaurantId)),
      )
      .leftJoin(orders, and(eq(orders.id, messages.orderId), eq(orders.restaurantId, messages.restaurantId)))
      .$dynamic()
  const withLinks = (row: {
    message: MessageRow
    callId: string | null
    orderNumber: number | null
    orderStatus: OrderStatus | null
  }): MessageWithCall => ({
    ...row.message,
    callId: row.callId,
    order: row.orderNumber !== null && row.orderStatus ? { number: row.orderNumber, status: row.orderStatus } : null,
  })
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
      const rows = await withCallAndOrder()
        .where(status ? and(own, eq(messages.status, status)) : own)
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(500)
      return { messages: rows.map(withLinks) }
    },

    async get({ id }: { id: string }): Promise<{ message: MessageWithCall | undefined }> {
      const [row] = await withCallAndOrder().where(and(own, eq(messages.id, id)))
      return { message: row && withLinks(row) }
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
