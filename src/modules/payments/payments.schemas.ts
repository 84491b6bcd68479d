import { type Static, Type } from 'typebox'

/** `settings.payments` (contract, "Money and notifications in the bundle"). */
export const PaymentsSettingsSchema = Type.Object(
  {
    mode: Type.Union([Type.Literal('at_pickup'), Type.Literal('link'), Type.Literal('link_above')], {
      description: 'at_pickup: never a link; link: every order; link_above: orders above link_above_amount',
    }),
    link_above_amount: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1_000_000, description: "In the restaurant's currency" }),
    ),
    expire_minutes: Type.Optional(
      Type.Integer({ minimum: 30, maximum: 1440, description: 'Unpaid this long: the link expires (default 30)' }),
    ),
    unpaid: Type.Optional(
      Type.Union([Type.Literal('cancel'), Type.Literal('pay_at_pickup')], {
        description: 'What an order unpaid at expiry becomes (default cancel)',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'Payment by text link; with any mode but at_pickup, delivery orders always get a link',
  },
)
export type PaymentsSettings = Static<typeof PaymentsSettingsSchema>

export const PaymentSchema = Type.Object({
  status: Type.Union([
    Type.Literal('not_required'),
    Type.Literal('pending'),
    Type.Literal('paid'),
    Type.Literal('expired'),
  ]),
  url: Type.Optional(Type.String()),
  paid_at: Type.Optional(Type.String()),
  refunded_at: Type.Optional(
    Type.String({ description: 'A paid order cancelled afterwards: when its payment was refunded through Stripe' }),
  ),
})
