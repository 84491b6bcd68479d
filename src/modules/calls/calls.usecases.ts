import type { Database, DatabaseHandle } from '../../infra/db/database.ts'
import type { Caller } from '../../shared/auth.ts'
import { isUniqueViolation } from '../../shared/db-errors.ts'
import { badRequest, conflict, notFound, unauthorized } from '../../shared/errors.ts'
import { compactPhone } from './call-fields.models.ts'
import {
  decodeCursor,
  encodeCursor,
  formatCallDetailForApi,
  formatCallForApi,
  parseInstant,
  parseRange,
} from './calls.models.ts'
import { createCallsRepository, type NewCall } from './calls.repository.ts'
import type { CreateCallInput, ListCallsQuery } from './calls.schemas.ts'
import { createToolInvocationsRepository } from './tool-invocations.repository.ts'

/**
 * Runs `fn` as the caller may: a restaurant inside its row-level-security scope (another
 * restaurant's rows do not exist there), the operator as the owner, in a transaction.
 */
function asCaller<T>(
  database: DatabaseHandle,
  caller: Caller | undefined,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  if (!caller) throw unauthorized()
  if (caller.kind === 'restaurant') return database.withTenant(caller.restaurantId, fn)
  return database.db.transaction((tx) => fn(tx as unknown as Database))
}

const ownRestaurant = (caller: Caller | undefined) => (caller?.kind === 'restaurant' ? caller.restaurantId : undefined)

/** restaurantId null = the unrouted calls, which only the operator reaches. */
export async function listCalls({
  database,
  caller,
  restaurantId,
  query,
}: {
  database: DatabaseHandle
  caller: Caller | undefined
  restaurantId: string | null
  query: ListCallsQuery
}) {
  const { from, to } = parseRange(query)
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  const { calls, nextCursor } = await asCaller(database, caller, (db) =>
    createCallsRepository({ db }).listCalls({
      restaurantId,
      from,
      to,
      cursor,
      limit: query.limit,
      outcome: query.outcome,
      caller: query.caller === undefined ? undefined : compactPhone(query.caller),
    }),
  )
  return { data: calls.map(formatCallForApi), next_cursor: nextCursor && encodeCursor(nextCursor) }
}

export async function getCallDetail({
  database,
  caller,
  callId,
}: {
  database: DatabaseHandle
  caller: Caller | undefined
  callId: string
}) {
  return asCaller(database, caller, async (db) => {
    const { call } = await createCallsRepository({ db }).getCall({ callId, restaurantId: ownRestaurant(caller) })
    if (!call) throw notFound('Call')
    const { invocations } =
      call.restaurantId && call.vapiCallId
        ? await createToolInvocationsRepository({ db }).listForCall({
            restaurantId: call.restaurantId,
            vapiCallId: call.vapiCallId,
          })
        : { invocations: [] }
    return formatCallDetailForApi(call, invocations)
  })
}

/** A caller's deletion request: the call and the tool invocations made during it. */
export async function deleteCall({
  database,
  caller,
  callId,
}: {
  database: DatabaseHandle
  caller: Caller | undefined
  callId: string
}) {
  await asCaller(database, caller, async (db) => {
    const { deleted } = await createCallsRepository({ db }).deleteCall({ callId, restaurantId: ownRestaurant(caller) })
    if (!deleted) throw notFound('Call')
    if (deleted.restaurantId && deleted.vapiCallId) {
      await createToolInvocationsRepository({ db }).deleteForCall({
        restaurantId: deleted.restaurantId,
        vapiCallId: deleted.vapiCallId,
      })
    }
  })
}

function isForeignKeyViolation(error: unknown): boolean {
  for (let e: any = error, depth = 0; e && depth < 4; e = e.cause, depth++) if (e.code === '23503') return true
  return false
}

/** A call recorded by hand (the seed's POST /api/calls), e.g. one taken before Vapi was set up. */
export async function createManualCall({
  database,
  caller,
  restaurantId,
  input,
}: {
  database: DatabaseHandle
  caller: Caller | undefined
  restaurantId: string
  input: CreateCallInput
}) {
  const startedAt = parseInstant(input.started_at, 'body.started_at')
  const endedAt = parseInstant(input.ended_at, 'body.ended_at')
  if (startedAt && endedAt && endedAt < startedAt) {
    throw badRequest('body.ended_at must not be before body.started_at', [
      { field: 'body.ended_at', problem: 'is before started_at' },
    ])
  }
  const derivedDuration = startedAt && endedAt ? Math.round((endedAt.getTime() - startedAt.getTime()) / 10) / 100 : null
  const call: NewCall = {
    restaurantId,
    vapiCallId: input.vapi_call_id ?? null,
    caller: input.caller ? compactPhone(input.caller) : null,
    dialedNumber: input.dialed_number ? compactPhone(input.dialed_number) : null,
    status: input.status ?? (endedAt ? 'ended' : null),
    startedAt: startedAt ?? null,
    endedAt: endedAt ?? null,
    durationSeconds: input.duration_seconds ?? derivedDuration,
    outcome: input.outcome ?? null,
    summary: input.summary ?? null,
    transcript: input.transcript ?? null,
    recordingUrl: input.recording_url ?? null,
    cost: input.cost ?? null,
    messages: (input.messages ?? []).map((m) => ({
      role: m.role,
      content: m.content,
      timestamp: m.timestamp ? new Date(m.timestamp).toISOString() : null,
    })),
    source: 'manual',
  }
  try {
    const { call: row } = await asCaller(database, caller, (db) => createCallsRepository({ db }).insertCall({ call }))
    return formatCallDetailForApi(row, [])
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`A call with vapi_call_id ${input.vapi_call_id} already exists`, [
        { field: 'body.vapi_call_id', problem: 'already exists' },
      ])
    if (isForeignKeyViolation(error)) throw notFound('Restaurant')
    throw error
  }
}
