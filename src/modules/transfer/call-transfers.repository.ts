import { eq, sql } from 'drizzle-orm'
import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import { type CallTransfer, callHistory } from '../../infra/db/schema.ts'
import {
  applyReport,
  applyToLatest,
  artifactTransfers,
  endedReasonChange,
  readTransferUpdate,
  type TransferChange,
} from './call-transfers.models.ts'

export type TransferLog = ReturnType<typeof createTransferLog>

/**
 * Each call's transfers on its call record (call_history.transfers). A message may come before the
 * call's first status update, so the record is created if needed; the row is locked while its list
 * changes, so two messages of one call (two instances) never lose each other's change.
 */
export function createTransferLog({ database }: { database: DatabaseHandle }) {
  async function change(
    { vapiCallId, restaurantId }: { vapiCallId: string; restaurantId: string | null },
    next: (transfers: CallTransfer[]) => CallTransfer[],
  ) {
    await database.db.transaction(async (tx) => {
      const db = tx as unknown as Database
      await db
        .insert(callHistory)
        .values({ vapiCallId, restaurantId, source: 'vapi' })
        .onConflictDoUpdate({
          target: callHistory.vapiCallId,
          // A no-op that still takes the row's lock; a call keeps the restaurant it was first given.
          set: { restaurantId: sql`coalesce(${callHistory.restaurantId}, excluded.restaurant_id)` },
        })
      const [row] = await db
        .select({ transfers: callHistory.transfers })
        .from(callHistory)
        .where(eq(callHistory.vapiCallId, vapiCallId))
        .for('update')
      const transfers = next(row?.transfers ?? [])
      await db
        .update(callHistory)
        .set({ transfers, updatedAt: sql`now()` })
        .where(eq(callHistory.vapiCallId, vapiCallId))
    })
  }

  return {
    /** Our answer to transfer-destination-request: a number dialled (requested), or why not. */
    async recordRequest(input: { vapiCallId: string; restaurantId: string | null; at: Date; refusal?: string }) {
      const at = input.at.toISOString()
      const transfer: CallTransfer = input.refusal
        ? { requested_at: at, status: 'unavailable', reason: input.refusal.slice(0, 200), updated_at: at }
        : { requested_at: at, status: 'requested', updated_at: at }
      await change(input, (transfers) => [...transfers, transfer])
    },

    /** Vapi's transfer-update: how the latest transfer went. */
    async recordUpdate(input: {
      vapiCallId: string
      restaurantId: string | null
      at: Date
      message: Record<string, any>
    }) {
      const update: TransferChange = readTransferUpdate(input.message)
      await change(input, (transfers) => applyToLatest(transfers, update, input.at.toISOString()))
    },

    /** The end-of-call report: the artifact's transfers and the endedReason complete the list. */
    async recordReport(input: {
      vapiCallId: string
      restaurantId: string | null
      at: Date
      message: Record<string, any>
    }) {
      const { message } = input
      // Most calls have no transfer: their report writes nothing here.
      if (artifactTransfers(message).length === 0 && !endedReasonChange(message.endedReason)) return
      await change(input, (transfers) => applyReport(transfers, message, input.at.toISOString()))
    },
  }
}
