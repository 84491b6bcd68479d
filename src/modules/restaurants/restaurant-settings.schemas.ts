import { type Static, Type } from 'typebox'

// The bundle's `settings` (contract, "Orders, reservations, a person"): every key optional,
// unknown keys refused, so a typo is a 400 rather than a setting silently ignored.

const strict = { additionalProperties: false } as const

export const SettingsSchema = Type.Object(
  {
    tax_rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'A fraction: 0.08875 = 8.875 %' })),
    transfer_number: Type.Optional(
      Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164, where calls are transferred' }),
    ),
    sms_confirmations: Type.Optional(Type.Boolean()),
    ordering: Type.Optional(
      Type.Object(
        {
          enabled: Type.Optional(Type.Boolean()),
          pickup_lead_minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
        },
        strict,
      ),
    ),
    reservations: Type.Optional(
      Type.Object(
        {
          enabled: Type.Optional(Type.Boolean()),
          max_party_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          seats_per_slot: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          slot_minutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 1440 })),
        },
        strict,
      ),
    ),
    notify: Type.Optional(
      Type.Object(
        {
          sms: Type.Optional(
            Type.Array(Type.String({ minLength: 3, maxLength: 32, description: 'A phone number, stored as E.164' }), {
              maxItems: 10,
            }),
          ),
          email: Type.Optional(Type.Array(Type.String({ format: 'email', maxLength: 254 }), { maxItems: 10 })),
        },
        {
          ...strict,
          description: 'Who at the restaurant is told of messages, event requests, unpaid or failed orders',
        },
      ),
    ),
    order_webhook: Type.Optional(
      Type.Object(
        {
          url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
          secret: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 256,
              description:
                'Signs each delivery (X-Signature). Write-only: exports show ******** instead, and ' +
                '******** sent back keeps the stored secret',
            }),
          ),
        },
        strict,
      ),
    ),
  },
  { ...strict, description: 'Ordering, reservations and call-transfer settings; unknown keys are refused' },
)
export type Settings = Static<typeof SettingsSchema>
