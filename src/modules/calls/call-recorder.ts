import type { DatabaseHandle } from '../../infra/db/database.ts'
import type { Clock } from '../../shared/events.ts'
import { maskPhone } from './call-fields.models.ts'
import { createCallsRepository } from './calls.repository.ts'
import type { CallRecorder } from './calls.types.ts'
import { toInvocationRows } from './tool-invocations.models.ts'
import { createToolInvocationsRepository } from './tool-invocations.repository.ts'
import { LIMITS, readCallUpdate } from './vapi-report.models.ts'

export type CallsLogger = {
  info(object: Record<string, unknown>, message: string): void
  warn(object: Record<string, unknown>, message: string): void
  error(object: Record<string, unknown>, message: string): void
}
export const silentLogger: CallsLogger = { info: () => {}, warn: () => {}, error: () => {} }

/**
 * Stores what the Vapi webhook hands over. The webhook awaits this, so each message is one
 * INSERT … ON CONFLICT statement: replays and concurrent duplicates (two instances receiving the
 * same report) collapse inside PostgreSQL. Payload oddities never throw; database errors do.
 */
export function createCallRecorder({ database, clock, logger = silentLogger }: {
  database: DatabaseHandle
  clock: Clock
  logger?: CallsLogger
}): CallRecorder {
  const calls = createCallsRepository({ db: database.db })
  const invocations = createToolInvocationsRepository({ db: database.db })

  return {
    async recordMessage({ message, restaurantId }) {
      if (message?.type !== 'status-update' && message?.type !== 'end-of-call-report') return
      const update = readCallUpdate(message)
      const context = { type: update.kind, vapiCallId: update.vapiCallId, caller: maskPhone(update.caller), dialed: update.dialedNumber }
      // Without an id a status update has nothing to attach to; a report is still worth keeping.
      if (update.vapiCallId === null && update.kind === 'status-update') {
        logger.warn(context, 'status update without call id ignored')
        return
      }
      if (update.vapiCallId === null) logger.warn(context, 'end-of-call report without call id stored; replays cannot be recognised')
      if (update.truncated) logger.warn({ ...context, kept: LIMITS.messages }, 'call messages truncated')
      await calls.upsertFromVapi({ update, restaurantId, receivedAt: clock.now() })
      if (restaurantId === null && update.kind === 'end-of-call-report') logger.warn(context, 'call to a number no restaurant owns recorded as unrouted')
    },

    async recordToolInvocations(list) {
      if (list.length === 0) return
      await invocations.insertInvocations({ rows: toInvocationRows(list, clock.now()) })
    },
  }
}
