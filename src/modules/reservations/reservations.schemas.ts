import { Type } from 'typebox'
import { RESERVATION_STATUSES, type ReservationStatus } from './reservations.tables.ts'

export const ReservationParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reservationId: Type.String({ format: 'uuid' }),
})

export const ReservationsQuery = Type.Object(
  {
    date: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        description: "YYYY-MM-DD in the restaurant's calendar; today there by default",
      }),
    ),
  },
  { additionalProperties: false },
)

export const ReservationStatusBody = Type.Object(
  {
    status: Type.Union([
      Type.Literal('confirmed'),
      Type.Literal('cancelled'),
      Type.Literal('seated'),
      Type.Literal('no_show'),
    ]),
  },
  { additionalProperties: false },
)

export const ReservationSchema = Type.Object({
  id: Type.String(),
  party_size: Type.Integer(),
  date: Type.String({ description: 'YYYY-MM-DD' }),
  time: Type.String({ description: "HH:MM, the restaurant's local time" }),
  name: Type.String(),
  caller_phone: Type.Union([Type.String(), Type.Null()]),
  vapi_call_id: Type.Union([Type.String(), Type.Null()]),
  status: Type.Unsafe<ReservationStatus>({ type: 'string', enum: [...RESERVATION_STATUSES] }),
  created_at: Type.String(),
  updated_at: Type.String(),
})
