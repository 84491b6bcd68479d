import { and, desc, eq, lt, or } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { auditLog } from './accounts.tables.ts'

export type AuditEntry = typeof auditLog.$inferInsert
export type AuditCursor = { createdAt: Date; id: string }

export function createAuditRepository({ db }: { db: Database }) {
  return {
    async record(entry: AuditEntry) {
      await db.insert(auditLog).values(entry)
    },

    /** Newest first; `before` continues a page. */
    async list({ restaurantId, limit, before }: { restaurantId: string; limit: number; before?: AuditCursor }) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.restaurantId, restaurantId),
            before &&
              or(
                lt(auditLog.createdAt, before.createdAt),
                and(eq(auditLog.createdAt, before.createdAt), lt(auditLog.id, before.id)),
              ),
          ),
        )
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(limit + 1)
      return { entries: rows.slice(0, limit), more: rows.length > limit }
    },
  }
}
