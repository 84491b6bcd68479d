import { and, desc, eq, gte, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import type { Database } from '../../infra/db/database.ts'
import { callHistory } from '../../infra/db/schema.ts'
import type { CallUpdate } from './vapi-report.models.ts'

export type CallRow = typeof callHistory.$inferSelect
export type NewCall = typeof callHistory.$inferInsert
/** Position in the newest-first listing: listed_at in epoch microseconds (exact, unlike a JS Date) and id. */
export type CallCursor = { micros: string; id: string }

// Later states win; a status update arriving late (in-progress after ended) is ignored.
const STATUS_ORDER = ['scheduled', 'queued', 'ringing', 'in-progress', 'forwarding', 'ended']
const STATUS_ARRAY = `ARRAY[${STATUS_ORDER.map((s) => `'${s}'`).join(',')}]::text[]`
const statusRank = (value: SQL) => sql`coalesce(array_position(${sql.raw(STATUS_ARRAY)}, ${value}), 0)`

const incoming = (column: PgColumn) => sql.raw(`excluded."${column.name}"`)
/** The report completes the record: its values replace what status updates left. */
const preferIncoming = (column: PgColumn) => sql`coalesce(${incoming(column)}, ${column})`
/** A status update only fills gaps. */
const preferStored = (column: PgColumn) => sql`coalesce(${column}, ${incoming(column)})`

const MERGED_COLUMNS = [
  'caller',
  'dialedNumber',
  'startedAt',
  'endedAt',
  'durationSeconds',
  'outcome',
  'summary',
  'transcript',
  'recordingUrl',
  'cost',
  'costBreakdown',
] as const

// Keys are the table's TypeScript property names, as Drizzle's update sets expect.
function mergeSet(kind: CallUpdate['kind']) {
  const merge = kind === 'end-of-call-report' ? preferIncoming : preferStored
  const set: Record<string, SQL> = {}
  for (const key of MERGED_COLUMNS) set[key] = merge(callHistory[key])
  const [winner, other] =
    kind === 'end-of-call-report'
      ? [incoming(callHistory.messages), callHistory.messages]
      : [callHistory.messages, incoming(callHistory.messages)]
  set.messages = sql`case when jsonb_array_length(${winner}) > 0 then ${winner} else ${other} end`
  const notOlder = sql`${statusRank(incoming(callHistory.status))} >= ${statusRank(sql`${callHistory.status}`)}`
  set.status = sql`case when ${notOlder} then ${incoming(callHistory.status)} else ${callHistory.status} end`
  // A call is attached to a restaurant once; a later message never moves it to another one.
  set.restaurantId = sql`coalesce(${callHistory.restaurantId}, ${incoming(callHistory.restaurantId)})`
  set.reportReceivedAt = sql`coalesce(${callHistory.reportReceivedAt}, ${incoming(callHistory.reportReceivedAt)})`
  set.updatedAt = sql`now()`
  return set
}

export type ListFilter = {
  /** null = the unrouted calls (no restaurant). */
  restaurantId: string | null
  from?: Date
  to?: Date
  outcome?: string
  caller?: string
  cursor?: CallCursor
  limit: number
}

const cursorKey = sql<string>`(extract(epoch from ${callHistory.listedAt}) * 1000000)::bigint::text`

export function createCallsRepository({ db }: { db: Database }) {
  return {
    /** One statement, so concurrent duplicates of a report resolve inside PostgreSQL. */
    async upsertFromVapi({
      update,
      restaurantId,
      receivedAt,
    }: {
      update: CallUpdate
      restaurantId: string | null
      receivedAt: Date
    }) {
      const isReport = update.kind === 'end-of-call-report'
      const values: NewCall = {
        restaurantId,
        vapiCallId: update.vapiCallId,
        caller: update.caller,
        dialedNumber: update.dialedNumber,
        status: update.status,
        startedAt: update.startedAt,
        endedAt: update.endedAt,
        durationSeconds: update.durationSeconds,
        outcome: update.outcome,
        summary: update.summary,
        transcript: update.transcript,
        recordingUrl: update.recordingUrl,
        cost: update.cost,
        costBreakdown: update.costBreakdown,
        messages: update.messages,
        reportReceivedAt: isReport ? receivedAt : null,
        source: 'vapi',
      }
      const [row] = await db
        .insert(callHistory)
        .values(values)
        .onConflictDoUpdate({ target: callHistory.vapiCallId, set: mergeSet(update.kind) })
        .returning({ id: callHistory.id, restaurantId: callHistory.restaurantId })
      return { call: row! }
    },

    async insertCall({ call }: { call: NewCall }) {
      const [row] = await db.insert(callHistory).values(call).returning()
      return { call: row! }
    },

    async listCalls({ restaurantId, from, to, outcome, caller, cursor, limit }: ListFilter) {
      const conditions = [
        restaurantId === null ? isNull(callHistory.restaurantId) : eq(callHistory.restaurantId, restaurantId),
        from && gte(callHistory.listedAt, from),
        to && lt(callHistory.listedAt, to),
        outcome !== undefined && eq(callHistory.outcome, outcome),
        caller !== undefined && eq(callHistory.caller, caller),
        cursor &&
          sql`(${callHistory.listedAt}, ${callHistory.id})
            < ('epoch'::timestamptz + ${cursor.micros}::bigint * interval '1 microsecond', ${cursor.id}::uuid)`,
      ].filter((condition): condition is SQL => Boolean(condition))
      const rows = await db
        .select({ call: callHistory, cursorKey })
        .from(callHistory)
        .where(and(...conditions))
        .orderBy(desc(callHistory.listedAt), desc(callHistory.id))
        .limit(limit + 1)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      const nextCursor: CallCursor | null =
        rows.length > limit && last ? { micros: last.cursorKey, id: last.call.id } : null
      return { calls: page.map((row) => row.call), nextCursor }
    },

    /** restaurantId undefined = any restaurant (operator); null = only unrouted calls. */
    async getCall({ callId, restaurantId }: { callId: string; restaurantId?: string | null }) {
      const [call] = await db
        .select()
        .from(callHistory)
        .where(and(eq(callHistory.id, callId), restaurantCondition(restaurantId)))
      return { call }
    },

    async deleteCall({ callId, restaurantId }: { callId: string; restaurantId?: string }) {
      const [deleted] = await db
        .delete(callHistory)
        .where(and(eq(callHistory.id, callId), restaurantCondition(restaurantId)))
        .returning({ restaurantId: callHistory.restaurantId, vapiCallId: callHistory.vapiCallId })
      return { deleted }
    },

    /** One bounded batch of calls listed before the cutoff (see the tool invocations' twin). */
    async deleteOlderThan({ cutoff, batchSize }: { cutoff: Date; batchSize: number }) {
      const batch = db
        .select({ id: callHistory.id })
        .from(callHistory)
        .where(lt(callHistory.listedAt, cutoff))
        .limit(batchSize)
      const deleted = await db
        .delete(callHistory)
        .where(inArray(callHistory.id, batch))
        .returning({ id: callHistory.id })
      return { deleted: deleted.length }
    },
  }
}
export type CallsRepository = ReturnType<typeof createCallsRepository>

function restaurantCondition(restaurantId: string | null | undefined) {
  if (restaurantId === undefined) return undefined
  return restaurantId === null ? isNull(callHistory.restaurantId) : eq(callHistory.restaurantId, restaurantId)
}
