import { Type } from 'typebox'

const Kind = Type.Union(
  [Type.Literal('message'), Type.Literal('large_party'), Type.Literal('catering'), Type.Literal('private_event')],
  { description: 'A message for the staff, or the kind of event request' },
)
const Status = Type.Union([Type.Literal('open'), Type.Literal('done')], {
  description: 'open until the staff mark it done',
})

export const MessageParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  messageId: Type.String({ format: 'uuid' }),
})
export const MessagesQuery = Type.Object({ status: Type.Optional(Status) }, { additionalProperties: false })
export const MessageStatusBody = Type.Object({ status: Status }, { additionalProperties: false })

export const MessageSchema = Type.Object({
  id: Type.String(),
  kind: Kind,
  name: Type.String({ description: "The caller's name" }),
  callback_number: Type.Union([Type.String(), Type.Null()], {
    description: "E.164: the caller's own number unless they gave another",
  }),
  reason: Type.Optional(Type.String({ description: 'What a message is about' })),
  date: Type.Optional(Type.String({ description: "An event's day: YYYY-MM-DD, or the caller's words" })),
  party_size: Type.Optional(Type.Integer()),
  email: Type.Optional(Type.String()),
  notes: Type.Optional(Type.String()),
  status: Status,
  vapi_call_id: Type.Union([Type.String(), Type.Null()]),
  order_id: Type.Union([Type.String(), Type.Null()], {
    description: "A message's link to the caller's latest recent order (by their number), e.g. a complaint",
  }),
  order: Type.Optional(
    Type.Union(
      [
        Type.Object({ number: Type.Integer(), status: Type.String({ description: "The order's status now" }) }),
        Type.Null(),
      ],
      { description: 'The linked order as the staff know it: its number and where it is (null: none)' },
    ),
  ),
  call_id: Type.Union([Type.String(), Type.Null()], {
    description: 'The recorded call (GET /api/calls/:id), once Vapi reported it',
  }),
  created_at: Type.String(),
})
