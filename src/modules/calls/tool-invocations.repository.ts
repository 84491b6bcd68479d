import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { toolInvocations } from '../../infra/db/schema.ts'

export type ToolInvocationRow = typeof toolInvocations.$inferSelect

export function createToolInvocationsRepository({ db }: { db: Database }) {
  return {
    /**
     * A replayed tool-calls request (same call and toolCall ids) adds nothing. The rows travel as
     * one JSON parameter: the recorder writes hundreds at once, and building a statement with ten
     * bound parameters per row cost more CPU than the answers themselves.
     */
    async insertInvocations({ rows }: { rows: (typeof toolInvocations.$inferInsert)[] }) {
      if (rows.length === 0) return
      const json = JSON.stringify(
        rows.map((row) => ({
          restaurant_id: row.restaurantId,
          vapi_call_id: row.vapiCallId ?? null,
          tool_call_id: row.toolCallId ?? null,
          tool: row.tool,
          query: row.query,
          normalized_query: row.normalizedQuery,
          result: row.result,
          unanswered: row.unanswered ?? false,
          invoked_at: row.invokedAt,
        })),
      )
      await db.execute(sql`
        insert into tool_invocations
          (restaurant_id, vapi_call_id, tool_call_id, tool, query, normalized_query, result, unanswered, invoked_at)
        select restaurant_id, vapi_call_id, tool_call_id, tool, query, normalized_query, result, unanswered, invoked_at
        from jsonb_to_recordset(${json}::jsonb) as r(
          restaurant_id uuid, vapi_call_id text, tool_call_id text, tool text, query text,
          normalized_query text, result text, unanswered boolean, invoked_at timestamptz)
        on conflict (vapi_call_id, tool_call_id) do nothing`)
    },

    async listForCall({ restaurantId, vapiCallId }: { restaurantId: string; vapiCallId: string }) {
      const invocations = await db
        .select()
        .from(toolInvocations)
        .where(and(eq(toolInvocations.restaurantId, restaurantId), eq(toolInvocations.vapiCallId, vapiCallId)))
        .orderBy(asc(toolInvocations.invokedAt), asc(toolInvocations.id))
        .limit(200)
      return { invocations }
    },

    async deleteForCall({ restaurantId, vapiCallId }: { restaurantId: string; vapiCallId: string }) {
      const deleted = await db
        .delete(toolInvocations)
        .where(and(eq(toolInvocations.restaurantId, restaurantId), eq(toolInvocations.vapiCallId, vapiCallId)))
        .returning({ id: toolInvocations.id })
      return { deleted: deleted.length }
    },

    /** One bounded batch, so a first purge over years of data never holds one huge delete open. */
    async deleteOlderThan({ cutoff, batchSize }: { cutoff: Date; batchSize: number }) {
      const batch = db
        .select({ id: toolInvocations.id })
        .from(toolInvocations)
        .where(lt(toolInvocations.invokedAt, cutoff))
        .limit(batchSize)
      const deleted = await db
        .delete(toolInvocations)
        .where(inArray(toolInvocations.id, batch))
        .returning({ id: toolInvocations.id })
      return { deleted: deleted.length }
    },
  }
}
