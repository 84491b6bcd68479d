import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import type { Clock } from '../../shared/events.ts'
import type { Activity } from '../activity/activity.types.ts'
import { maskPhone } from './call-fields.models.ts'
import { createCallsRepository } from './calls.repository.ts'
import type { CallRecorder, ToolInvocation } from './calls.types.ts'
import { toInvocationRows } from './tool-invocations.models.ts'
import { createToolInvocationsRepository } from './tool-invocations.repository.ts'
import { type CallUpdate, LIMITS, readCallUpdate } from './vapi-report.models.ts'

export type CallsLogger = {
  info(object: Record<string, unknown>, message: string): void
  warn(object: Record<string, unknown>, message: string): void
  error(object: Record<string, unknown>, message: string): void
}
export const silentLogger: CallsLogger = { info: () => {}, warn: () => {}, error: () => {} }

/**
 * Stores what the Vapi webhook hands over. Each message is one INSERT … ON CONFLICT statement:
 * replays and concurrent duplicates (two instances receiving the same report) collapse inside
 * PostgreSQL. Payload oddities never throw; database errors do.
 *
 * Tool invocations come with every tool call, so they are written in groups: rows handed over
 * within `invocationBatchMs` share one INSERT (one round trip, one transaction). Under load that
 * turns hundreds of small writes a second, which compete with the answers for the database (and,
 * embedded, for the only thread), into a few. The promise settles when the rows are written.
 */
export function createCallRecorder({
  database,
  clock,
  logger = silentLogger,
  invocationBatchMs = 20,
  activity,
}: {
  database: DatabaseHandle
  clock: Clock
  /** Told of each ended call of a restaurant (`call.ended`), in the report's own transaction. */
  activity?: Pick<Activity, 'record' | 'kick'>
  logger?: CallsLogger
  invocationBatchMs?: number
}): CallRecorder {
  const calls = createCallsRepository({ db: database.db })
  const invocations = createToolInvocationsRepository({ db: database.db })
  const batcher = createInvocationBatcher({
    windowMs: invocationBatchMs,
    insert: async (entries) =>
      invocations.insertInvocations({ rows: entries.flatMap(({ list, now }) => toInvocationRows(list, now)) }),
  })

  return {
    async recordMessage({ message, restaurantId }) {
      if (message?.type !== 'status-update' && message?.type !== 'end-of-call-report') return
      const update = readCallUpdate(message)
      const context = {
        type: update.kind,
        vapiCallId: update.vapiCallId,
        caller: maskPhone(update.caller),
        dialed: update.dialedNumber,
      }
      // Without an id a status update has nothing to attach to; a report is still worth keeping.
      if (update.vapiCallId === null && update.kind === 'status-update') {
        logger.warn(context, 'status update without call id ignored')
        return
      }
      if (update.vapiCallId === null)
        logger.warn(context, 'end-of-call report without call id stored; replays cannot be recognised')
      if (update.truncated) logger.warn({ ...context, kept: LIMITS.messages }, 'call messages truncated')
      if (update.kind === 'end-of-call-report' && restaurantId !== null && activity) {
        // The call and its call.ended event commit together; a replayed report adds no second event.
        await database.db.transaction(async (tx) => {
          const { call } = await createCallsRepository({ db: tx as unknown as Database }).upsertFromVapi({
            update,
            restaurantId,
            receivedAt: clock.now(),
          })
          await activity.record(tx as unknown as Database, {
            restaurantId: call.restaurantId ?? restaurantId,
            type: 'call.ended',
            data: callEndedData(call.id, update),
            ...(update.vapiCallId === null ? {} : { idempotencyKey: `call.ended:${update.vapiCallId}` }),
          })
        })
        activity.kick()
      } else await calls.upsertFromVapi({ update, restaurantId, receivedAt: clock.now() })
      if (restaurantId === null && update.kind === 'end-of-call-report')
        logger.warn(context, 'call to a number no restaurant owns recorded as unrouted')
    },

    async recordToolInvocations(list) {
      if (list.length === 0) return
      await batcher.add(list, clock.now())
    },
  }
}

/** What a kitchen screen or the Calls page needs to know; the transcript stays behind the calls API. */
function callEndedData(callId: string, update: CallUpdate) {
  return {
    call_id: callId,
    vapi_call_id: update.vapiCallId,
    ended_at: update.endedAt?.toISOString() ?? null,
    duration_seconds: update.durationSeconds,
    outcome: update.outcome,
    summary: update.summary,
  }
}

type Handed = { list: ToolInvocation[]; now: Date }
const MAX_BATCH_ROWS = 500

/**
 * Groups the invocations of many requests into one insert; if it fails, each request's are
 * retried alone. Rows are built at the flush, off the request that handed them over.
 */
function createInvocationBatcher({
  windowMs,
  insert,
}: {
  windowMs: number
  insert: (entries: Handed[]) => Promise<void>
}) {
  let pending: (Handed & { resolve(): void; reject(error: unknown): void })[] = []
  let pendingRows = 0
  let timer: NodeJS.Timeout | undefined

  async function flush() {
    clearTimeout(timer)
    timer = undefined
    const batch = pending
    pending = []
    pendingRows = 0
    try {
      await insert(batch)
      for (const entry of batch) entry.resolve()
    } catch (error) {
      // One bad request (e.g. its restaurant deleted meanwhile) must not lose the others' rows.
      if (batch.length === 1) return batch[0]!.reject(error)
      await Promise.all(batch.map((entry) => insert([entry]).then(entry.resolve, entry.reject)))
    }
  }

  return {
    add(list: ToolInvocation[], now: Date): Promise<void> {
      const written = new Promise<void>((resolve, reject) => pending.push({ list, now, resolve, reject }))
      pendingRows += list.length
      if (pendingRows >= MAX_BATCH_ROWS) void flush()
      else timer ??= setTimeout(() => void flush(), windowMs)
      return written
    },
  }
}
