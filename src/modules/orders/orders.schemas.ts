import { Type } from 'typebox'
import { PaymentSchema } from '../payments/payments.schemas.ts'

export const ORDER_STATUSES = ['awaiting_payment', 'new', 'accepted', 'ready', 'completed', 'cancelled'] as const
const StatusSchema = Type.Union(
  [
    Type.Literal('awaiting_payment'),
    Type.Literal('new'),
    Type.Literal('accepted'),
    Type.Literal('ready'),
    Type.Literal('completed'),
    Type.Literal('cancelled'),
  ],
  {
    description:
      'awaiting_payment (a payment link was texted) → new once paid; new → accepted → ready → completed; ' +
      'cancelled from any open state',
  },
)

export const OrderParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  orderId: Type.String({ format: 'uuid' }),
})
export const OrdersQuery = Type.Object({ status: Type.Optional(StatusSchema) }, { additionalProperties: false })
export const OrderStatusBody = Type.Object({ status: StatusSchema }, { additionalProperties: false })

const Money = (description: string) => Type.Number({ description: `${description}, in the restaurant's currency` })

export const OrderSchema = Type.Object({
  allergies: Type.Union([Type.String(), Type.Null()], {
    description: "The party's allergies in the caller's words; shown first on the order",
  }),
  notes: Type.Union([Type.String(), Type.Null()], { description: "The whole order's notes, in the caller's words" }),
  id: Type.String(),
  number: Type.Integer({ description: 'Short, said aloud to the caller; unique per restaurant' }),
  status: StatusSchema,
  fulfillment: Type.Union([Type.Literal('pickup'), Type.Literal('delivery')]),
  items: Type.Array(
    Type.Object({
      name: Type.String(),
      quantity: Type.Integer(),
      options: Type.Array(Type.String()),
      notes: Type.Optional(Type.String()),
      unit_price: Money('Item plus options, each'),
      line_total: Money('unit_price × quantity'),
    }),
  ),
  subtotal: Money('Sum of the lines'),
  delivery_fee: Money("The zone's fee"),
  tax: Money('settings.tax_rate of the subtotal, half-up to the cent'),
  total: Money('subtotal + delivery_fee + tax'),
  customer_name: Type.Union([Type.String(), Type.Null()]),
  customer_phone: Type.Union([Type.String(), Type.Null()], { description: "The caller's number, from the call" }),
  postal_code: Type.Union([Type.String(), Type.Null()]),
  pickup_time: Type.String({ description: 'When the order is ready (ISO 8601)' }),
  vapi_call_id: Type.Union([Type.String(), Type.Null()]),
  currency: Type.String({ description: 'ISO 4217, the currency of every amount' }),
  payment: PaymentSchema,
  pos_order_id: Type.Optional(Type.String({ description: "The order in the restaurant's point of sale" })),
  pos_error: Type.Optional(Type.String({ description: 'Why the point of sale refused the order' })),
  created_at: Type.String(),
  updated_at: Type.String(),
})
