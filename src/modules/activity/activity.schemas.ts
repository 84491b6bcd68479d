import { Type } from 'typebox'

export const ActivityEventSchema = Type.Object({
  id: Type.String({ description: 'Increasing; the SSE event id and the `after` cursor' }),
  type: Type.Union([
    Type.Literal('order.created'),
    Type.Literal('order.updated'),
    Type.Literal('reservation.created'),
    Type.Literal('reservation.updated'),
    Type.Literal('call.ended'),
    Type.Literal('message.created'),
  ]),
  restaurant_id: Type.String(),
  created_at: Type.String({ description: 'ISO 8601' }),
  data: Type.Record(Type.String(), Type.Unknown(), {
    description: 'The order, the reservation, the call (id, outcome, duration) or the message the event is about',
  }),
})

export const EventsPageSchema = Type.Object({
  data: Type.Array(ActivityEventSchema, { description: 'Oldest first' }),
  next_after: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `after` to get what came next' }),
})

export const EventsQuerySchema = Type.Object({
  after: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,18}$', description: 'Only events after this id (JSON listing)' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
})
