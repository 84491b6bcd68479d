import { and, desc, eq, sql } from 'drizzle-orm'
import type { Database } from '../../infra/db/database.ts'
import { vapiSyncState } from '../../infra/db/schema.ts'

export type SyncKind = 'tool' | 'assistant'
export type SyncStateRow = typeof vapiSyncState.$inferSelect

export function createVapiSyncRepository({ db }: { db: Database }) {
  return {
    async getState({ kind, name }: { kind: SyncKind; name: string }) {
      const [state] = await db
        .select()
        .from(vapiSyncState)
        .where(and(eq(vapiSyncState.kind, kind), eq(vapiSyncState.name, name)))
      return { state }
    },

    async saveState({
      kind,
      name,
      vapiId,
      configHash,
      remoteUpdatedAt,
    }: {
      kind: SyncKind
      name: string
      vapiId: string
      configHash: string
      remoteUpdatedAt: string | null
    }) {
      const values = { kind, name, vapiId, configHash, remoteUpdatedAt }
      await db
        .insert(vapiSyncState)
        .values(values)
        .onConflictDoUpdate({
          target: [vapiSyncState.kind, vapiSyncState.name],
          set: { ...values, syncedAt: sql`now()` },
        })
    },

    /** The shared assistant most recently synced (there is one; a renamed one replaces it). */
    async latestAssistant() {
      const [state] = await db
        .select()
        .from(vapiSyncState)
        .where(eq(vapiSyncState.kind, 'assistant'))
        .orderBy(desc(vapiSyncState.syncedAt))
        .limit(1)
      return { state }
    },
  }
}
