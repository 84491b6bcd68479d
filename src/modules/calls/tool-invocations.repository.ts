import { and, asc, eq, inArray, lt } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { toolInvocations } from '../../infra/db/schema.ts'

export type ToolInvocationRow = typeof toolInvocations.$inferSelect

export function createToolInvocationsRepository({ db }: { db: Database }) {
  return {
    /** A replayed tool-calls request (same call and toolCall ids) adds nothing. */
    async insertInvocations({ rows }: { rows: (typeof toolInvocations.$inferInsert)[] }) {
      if (rows.length === 0) return
      await db.insert(toolInvocations).values(rows).onConflictDoNothing({ target: [toolInvocations.vapiCallId, toolInvocations.toolCallId] })
    },

    async listForCall({ restaurantId, vapiCallId }: { restaurantId: string; vapiCallId: string }) {
      const invocations = await db.select().from(toolInvocations)
        .where(and(eq(toolInvocations.restaurantId, restaurantId), eq(toolInvocations.vapiCallId, vapiCallId)))
        .orderBy(asc(toolInvocations.invokedAt), asc(toolInvocations.id))
        .limit(200)
      return { invocations }
    },

    async deleteForCall({ restaurantId, vapiCallId }: { restaurantId: string; vapiCallId: string }) {
      const deleted = await db.delete(toolInvocations)
        .where(and(eq(toolInvocations.restaurantId, restaurantId), eq(toolInvocations.vapiCallId, vapiCallId)))
        .returning({ id: toolInvocations.id })
      return { deleted: deleted.length }
    },

    /** One bounded batch, so a first purge over years of data never holds one huge delete open. */
    async deleteOlderThan({ cutoff, batchSize }: { cutoff: Date; batchSize: number }) {
      const batch = db.select({ id: toolInvocations.id }).from(toolInvocations).where(lt(toolInvocations.invokedAt, cutoff)).limit(batchSize)
      const deleted = await db.delete(toolInvocations).where(inArray(toolInvocations.id, batch)).returning({ id: toolInvocations.id })
      return { deleted: deleted.length }
    },
  }
}
