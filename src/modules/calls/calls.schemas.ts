import { type Static, Type } from 'typebox'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])
const Instant = Type.String({
  maxLength: 40,
  description: 'ISO 8601 date (UTC midnight) or date-time with a time zone',
})

export const CallMessageSchema = Type.Object({
  role: Type.Union([Type.Literal('user'), Type.Literal('assistant'), Type.Literal('tool')]),
  content: Type.String(),
  timestamp: Nullable(Type.String()),
})

const callFields = {
  id: Type.String({ format: 'uuid' }),
  vapi_call_id: Nullable(Type.String()),
  restaurant_id: Nullable(Type.String({ description: 'null for a call to a number no restaurant owns' })),
  caller: Nullable(Type.String()),
  dialed_number: Nullable(Type.String()),
  status: Nullable(Type.String()),
  source: Type.String({ description: 'vapi (webhooks) or manual (POST /api/calls)' }),
  started_at: Nullable(Type.String()),
  ended_at: Nullable(Type.String()),
  duration_seconds: Nullable(Type.Number()),
  outcome: Nullable(Type.String({ description: "Vapi's endedReason" })),
  summary: Nullable(Type.String()),
  recording_url: Nullable(Type.String()),
  cost: Nullable(Type.Number({ description: 'USD' })),
  messages: Type.Array(CallMessageSchema),
  created_at: Type.String(),
  updated_at: Type.String(),
}

export const CallSchema = Type.Object(callFields)

export const CallTransferSchema = Type.Object({
  requested_at: Type.String(),
  status: Type.Union(
    [
      Type.Literal('requested'),
      Type.Literal('connected'),
      Type.Literal('no_answer'),
      Type.Literal('busy'),
      Type.Literal('failed'),
      Type.Literal('unavailable'),
    ],
    { description: 'unavailable: closed or no transfer number, so nobody was dialled' },
  ),
  reason: Type.Optional(Type.String()),
  updated_at: Type.String(),
})

export const CallDetailSchema = Type.Object({
  ...callFields,
  transfers: Type.Array(CallTransferSchema, { description: 'Transfers to a person asked in this call, in order' }),
  transcript: Nullable(Type.String()),
  cost_breakdown: Nullable(Type.Record(Type.String(), Type.Unknown())),
  tool_calls: Type.Array(
    Type.Object({
      tool: Type.String(),
      query: Type.String(),
      result: Type.String(),
      unanswered: Type.Boolean(),
      invoked_at: Type.String(),
    }),
  ),
})

export const CallPageSchema = Type.Object({
  data: Type.Array(CallSchema),
  next_cursor: Nullable(
    Type.String({ description: 'Pass as ?cursor= for the next (older) page; null on the last page' }),
  ),
})

const listFields = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
  outcome: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: "Vapi's endedReason, e.g. customer-ended-call" }),
  ),
  caller: Type.Optional(
    Type.String({ minLength: 3, maxLength: 64, description: 'Caller number; spaces and punctuation are ignored' }),
  ),
}

export const ListCallsQuerySchema = Type.Object({
  restaurant_id: Type.Optional(Type.String({ format: 'uuid', description: 'Required with the operator key' })),
  ...listFields,
})
export const ListUnroutedQuerySchema = Type.Object(listFields)
export type ListCallsQuery = Static<typeof ListUnroutedQuerySchema>

export const CallIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

const Phone = Type.String({ minLength: 3, maxLength: 64 })
const Text = (maxLength: number) => Type.String({ maxLength })

export const CreateCallSchema = Type.Object(
  {
    restaurant_id: Type.Optional(Type.String({ format: 'uuid', description: 'Required with the operator key' })),
    vapi_call_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    caller: Type.Optional(Nullable(Phone)),
    dialed_number: Type.Optional(Nullable(Phone)),
    status: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    started_at: Type.Optional(Instant),
    ended_at: Type.Optional(Instant),
    duration_seconds: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000 })),
    outcome: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    summary: Type.Optional(Text(10_000)),
    transcript: Type.Optional(Text(100_000)),
    recording_url: Type.Optional(Type.String({ maxLength: 2048, pattern: '^https?://\\S+$' })),
    cost: Type.Optional(Type.Number({ minimum: 0, maximum: 999_999 })),
    messages: Type.Optional(
      Type.Array(
        Type.Object(
          {
            role: CallMessageSchema.properties.role,
            content: Type.String({ minLength: 1, maxLength: 4_000 }),
            timestamp: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
          },
          { additionalProperties: false },
        ),
        { maxItems: 500 },
      ),
    ),
  },
  { additionalProperties: false },
)
export type CreateCallInput = Static<typeof CreateCallSchema>
