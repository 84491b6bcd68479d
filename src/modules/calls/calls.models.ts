import { badRequest } from '../../shared/errors.ts'
import type { CallCursor, CallRow } from './calls.repository.ts'
import type { ToolInvocationRow } from './tool-invocations.repository.ts'

const iso = (value: Date | null) => value?.toISOString() ?? null

/** A call record in the contract's snake_case shape, as listed by GET /api/calls. */
export function formatCallForApi(call: CallRow) {
  return {
    id: call.id,
    vapi_call_id: call.vapiCallId,
    restaurant_id: call.restaurantId,
    caller: call.caller,
    dialed_number: call.dialedNumber,
    status: call.status,
    source: call.source,
    started_at: iso(call.startedAt),
    ended_at: iso(call.endedAt),
    duration_seconds: call.durationSeconds,
    outcome: call.outcome,
    summary: call.summary,
    recording_url: call.recordingUrl,
    cost: call.cost,
    messages: call.messages,
    created_at: call.createdAt.toISOString(),
    updated_at: call.updatedAt.toISOString(),
  }
}

export function formatToolInvocationForApi(invocation: ToolInvocationRow) {
  return {
    tool: invocation.tool,
    query: invocation.query,
    result: invocation.result,
    unanswered: invocation.unanswered,
    invoked_at: invocation.invokedAt.toISOString(),
  }
}

/** One call with everything stored about it: transcript, cost breakdown and the tools it used. */
export function formatCallDetailForApi(call: CallRow, invocations: ToolInvocationRow[]) {
  return {
    ...formatCallForApi(call),
    transfers: call.transfers,
    transcript: call.transcript,
    cost_breakdown: call.costBreakdown,
    tool_calls: invocations.map(formatToolInvocationForApi),
  }
}

// Cursors are opaque to clients; base64url keeps them URL-safe without encoding.
export function encodeCursor(cursor: CallCursor): string {
  return Buffer.from(`${cursor.micros}.${cursor.id}`, 'utf8').toString('base64url')
}

const CURSOR = /^(-?\d{1,19})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/

export function decodeCursor(value: string): CallCursor {
  const match = CURSOR.exec(Buffer.from(value, 'base64url').toString('utf8'))
  if (!match)
    throw badRequest('querystring.cursor is not a cursor this API returned', [
      { field: 'querystring.cursor', problem: 'is invalid' },
    ])
  return { micros: match[1]!, id: match[2]! }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i

/** An ISO 8601 date (UTC midnight) or date-time with offset, from a query string. */
export function parseInstant(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined
  const ms = DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) : DATE_TIME.test(value) ? Date.parse(value) : NaN
  if (!Number.isFinite(ms)) {
    throw badRequest(`${field} must be an ISO 8601 date or date-time with a time zone`, [
      { field, problem: 'is not an ISO 8601 date or date-time' },
    ])
  }
  return new Date(ms)
}

export function parseRange({ from, to }: { from?: string; to?: string }) {
  const range = { from: parseInstant(from, 'querystring.from'), to: parseInstant(to, 'querystring.to') }
  if (range.from && range.to && range.from > range.to) {
    throw badRequest('querystring.from must not be after querystring.to', [
      { field: 'querystring.from', problem: 'is after to' },
    ])
  }
  return range
}
